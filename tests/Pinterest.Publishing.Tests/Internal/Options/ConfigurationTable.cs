using System.Text.RegularExpressions;

namespace Pinterest.Publishing.Tests.Internal.Options;

/// <summary>
/// Reads a Markdown configuration table and compares it with an options type. The table is the first one after the
/// heading that names the type in backticks (<c>## Configuration (`PinterestPublishingOptions`, …)</c>); each row's
/// first cell is one key in backticks, its second cell the default: the backticked values in it, joined by ", ", must
/// read as the code's default (see <see cref="OptionSettings.Format"/>); a default that is not a plain value is
/// described in words and not compared.
/// </summary>
internal static partial class ConfigurationTable
{
    /// <summary>The rows of the table for <paramref name="typeName"/>: key → default cell.</summary>
    public static IReadOnlyDictionary<string, string> Read(string markdown, string typeName)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var heading = Array.FindIndex(lines, l => l.StartsWith('#') && l.Contains($"`{typeName}`", StringComparison.Ordinal));
        if (heading < 0)
        {
            throw new InvalidOperationException($"No heading names `{typeName}`.");
        }

        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        var start = Array.FindIndex(lines, heading + 1, l => l.StartsWith('|') || l.StartsWith('#'));
        if (start < 0 || lines[start].StartsWith('#'))
        {
            throw new InvalidOperationException($"No table under the heading that names `{typeName}`.");
        }

        // Header and separator rows first, then the data rows up to the first line that is not a row.
        for (var i = start + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            var cells = lines[i].Trim().Trim('|').Split('|');
            var key = Ticked().Match(cells[0]);
            if (!key.Success || cells[0].Trim() != key.Value)
            {
                throw new InvalidOperationException($"A row of the `{typeName}` table does not start with exactly one key in backticks: {lines[i]}");
            }

            rows.Add(key.Groups[1].Value, cells.Length > 1 ? cells[1].Trim() : string.Empty);
        }

        return rows;
    }

    /// <summary>Every disagreement between the table and <paramref name="optionsType"/>; empty when they agree.</summary>
    public static IReadOnlyList<string> Check(string markdown, Type optionsType)
    {
        var table = Read(markdown, optionsType.Name);
        var problems = new List<string>();
        var settings = OptionSettings.Of(optionsType);
        foreach (var setting in settings)
        {
            if (!table.TryGetValue(setting.Key, out var cell))
            {
                problems.Add($"`{setting.Key}` of {optionsType.Name} is missing from the table.");
                continue;
            }

            var expected = OptionSettings.Format(setting.Default);
            var documented = string.Join(", ", Ticked().Matches(cell).Select(m => m.Groups[1].Value));
            if (expected is not null && documented != expected)
            {
                problems.Add($"`{setting.Key}` defaults to `{expected}`, the table says `{documented}`.");
            }
            else if (cell.Length == 0)
            {
                problems.Add($"`{setting.Key}` has no default in the table.");
            }
        }

        foreach (var key in table.Keys.Except(settings.Select(s => s.Key), StringComparer.Ordinal))
        {
            problems.Add($"The table lists `{key}`, which {optionsType.Name} has no setting for.");
        }

        return problems;
    }

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Ticked();
}
