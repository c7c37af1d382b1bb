namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>The repository's source tree, found from the test assembly's folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding <c>Pinterest.Publishing.sln</c>, walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The <c>src</c> folder.</summary>
    public static string Src => Path.Combine(Root, "src");

    /// <summary>The C# files of a source folder, without build output, as paths relative to <paramref name="root"/> with '/'.</summary>
    public static IEnumerable<string> CSharpFiles(string root, string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pinterest.Publishing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Pinterest.Publishing.sln above {start}: the convention tests read the source tree.");
    }
}
