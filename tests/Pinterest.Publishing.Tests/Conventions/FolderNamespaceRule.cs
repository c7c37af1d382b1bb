using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Rule g: folders match namespaces. A file's namespace is its project's root namespace followed by its folder path
/// (<c>src/Pinterest.Publishing/Api/Internal/X.cs</c> → <c>Pinterest.Publishing.Api.Internal</c>). The one documented
/// exception: the <c>DependencyInjection</c> folder is <c>Microsoft.Extensions.DependencyInjection</c>, where .NET
/// puts <c>Add…</c> extension methods.
/// </summary>
internal static partial class FolderNamespaceRule
{
    public const string DependencyInjectionFolder = "DependencyInjection";
    public const string DependencyInjectionNamespace = "Microsoft.Extensions.DependencyInjection";

    /// <param name="root">Paths are reported relative to it.</param>
    /// <param name="folder">A folder of projects (each subfolder with a <c>.csproj</c> is one).</param>
    public static IReadOnlyList<string> Check(string root, string folder)
    {
        var violations = new List<string>();
        foreach (var project in Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var projectFolder = Path.GetDirectoryName(project)!;
            var rootNamespace = RootNamespace(project);
            foreach (var path in RepositoryFiles.CSharpFiles(root, projectFolder))
            {
                var expected = Expected(rootNamespace, Path.GetRelativePath(projectFolder, Path.Combine(root, path)));
                var declared = NamespaceDeclaration().Matches(File.ReadAllText(Path.Combine(root, path))).Select(m => m.Groups[1].Value).ToArray();
                if (declared.Length == 0)
                {
                    violations.Add($"{path}: declares no namespace (expected {expected})");
                }

                violations.AddRange(declared.Where(ns => ns != expected).Select(ns => $"{path}: namespace {ns}, but its folder says {expected}"));
            }
        }

        return violations;
    }

    /// <summary>The namespace a file at <paramref name="pathInProject"/> must declare.</summary>
    public static string Expected(string rootNamespace, string pathInProject)
    {
        var folders = Path.GetDirectoryName(pathInProject.Replace('\\', '/'))!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (folders.Length > 0 && folders[0] == DependencyInjectionFolder)
        {
            return string.Join('.', [DependencyInjectionNamespace, .. folders[1..]]);
        }

        return string.Join('.', [rootNamespace, .. folders]);
    }

    private static string RootNamespace(string project) =>
        XDocument.Load(project).Descendants("RootNamespace").Select(e => e.Value.Trim()).FirstOrDefault()
        ?? Path.GetFileNameWithoutExtension(project);

    [GeneratedRegex(@"^\s*namespace\s+([A-Za-z_][\w.]*)\s*[;{]?", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
