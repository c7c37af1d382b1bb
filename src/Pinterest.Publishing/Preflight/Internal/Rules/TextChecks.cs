using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// The length check that the title, description and alt text rules share, counted as Pinterest counts
/// (<see cref="PinterestText.Length"/>: Unicode code points).
/// </summary>
internal static class TextChecks
{
    /// <summary>Reports <paramref name="code"/> when <paramref name="text"/> is longer than <paramref name="maxLength"/>.</summary>
    /// <returns>Whether the text is within the limit (or absent).</returns>
    public static bool MaxLength(string? text, int maxLength, string code, string field, string target, PreflightIssueList issues)
    {
        if (text is null)
        {
            return true;
        }

        var length = PinterestText.Length(text);
        if (length <= maxLength)
        {
            return true;
        }

        issues.Error(code, target, $"The {field} has {length} characters; Pinterest accepts at most {maxLength}. Shorten it.");
        return false;
    }
}
