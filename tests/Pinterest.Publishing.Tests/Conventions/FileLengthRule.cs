namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Rule f: no C# file under a source folder is over <see cref="MaxLines"/> lines, unless its first line is a comment
/// that gives the reason (<c>// One state machine: …</c>).
/// </summary>
internal static class FileLengthRule
{
    public const int MaxLines = 300;

    /// <param name="root">Paths are reported relative to it.</param>
    /// <param name="folder">The folder whose C# files are judged (build output excluded).</param>
    public static IReadOnlyList<string> Check(string root, string folder) =>
    [
        .. RepositoryFiles.CSharpFiles(root, folder)
            .Select(path => (Path: path, Lines: File.ReadAllLines(Path.Combine(root, path))))
            .Where(f => f.Lines.Length > MaxLines && !GivesReason(f.Lines[0]))
            .Select(f => $"{f.Path}: {f.Lines.Length} lines, over {MaxLines} without a first-line comment giving the reason"),
    ];

    // A "//" comment with words after it: a bare "//" or a "///" doc comment is no reason.
    private static bool GivesReason(string firstLine)
    {
        var line = firstLine.Trim();
        return line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("///", StringComparison.Ordinal)
            && line[2..].Trim().Length > 0;
    }
}
