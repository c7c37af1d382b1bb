using System.Text.RegularExpressions;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// The README's outcomes table names every public exception of the library, and no exception that does not exist
/// (besides <see cref="ArgumentException"/>, the malformed-request case): an exception added or renamed fails until
/// the README says when it is thrown and what to do.
/// </summary>
internal static partial class ReadmeExceptionTable
{
    public const string Heading = "## Outcomes for schedulers";

    public static IReadOnlyList<string> Check(string readme, IEnumerable<Type> publicExceptions)
    {
        var start = readme.IndexOf(Heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return [$"README has no \"{Heading}\" section"];
        }

        var end = readme.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
        var rows = readme[start..(end < 0 ? readme.Length : end)].Split('\n').Where(l => l.StartsWith('|')).ToArray();
        var named = rows.SelectMany(r => ExceptionName().Matches(r).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        var documented = publicExceptions.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. documented.Where(n => !named.Contains(n)).Order(StringComparer.Ordinal)
                .Select(n => $"{n}: public exception missing from the README's outcomes table (say when it is thrown and what to do)"),
            .. named.Where(n => !documented.Contains(n) && n != nameof(ArgumentException)).Order(StringComparer.Ordinal)
                .Select(n => $"{n}: named in the README's outcomes table but no public exception of the library"),
        ];
    }

    [GeneratedRegex(@"`(\w+Exception)`")]
    private static partial Regex ExceptionName();
}
