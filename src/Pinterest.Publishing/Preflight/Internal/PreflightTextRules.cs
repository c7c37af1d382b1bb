using System.Globalization;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>The rules on text fields and ids: limits from Pinterest's OpenAPI description of <c>POST /v5/pins</c>.</summary>
internal static class PreflightTextRules
{
    public const int TitleMax = PinterestLimits.TitleMaxLength;
    public const int DescriptionMax = PinterestLimits.DescriptionMaxLength;

    // Not a Pinterest limit: about this much of a description shows in the feed.
    public const int DescriptionDisplay = 500;
    public const int AltTextMax = PinterestLimits.AltTextMaxLength;
    public const int LinkMax = PinterestLimits.LinkMaxLength;

    public static void CheckTitle(string? title, string target, List<PreflightIssue> issues)
    {
        if (title is { Length: > TitleMax })
        {
            issues.Add(Error(PreflightCodes.TitleLengthMax, target,
                $"The title has {title.Length} characters; Pinterest accepts at most {TitleMax}. Shorten it."));
        }
    }

    public static void CheckDescription(string? description, string target, List<PreflightIssue> issues)
    {
        if (description is { Length: > DescriptionMax })
        {
            issues.Add(Error(PreflightCodes.DescriptionLengthMax, target,
                $"The description has {description.Length} characters; Pinterest accepts at most {DescriptionMax}. Shorten it."));
        }
        else if (description is { Length: > DescriptionDisplay })
        {
            issues.Add(Warning(PreflightCodes.DescriptionDisplayLength, target,
                $"The description has {description.Length} characters; Pinterest shows about {DescriptionDisplay} in the feed and cuts the rest. Put what matters first."));
        }
    }

    public static void CheckAltText(string? altText, List<PreflightIssue> issues)
    {
        if (altText is { Length: > AltTextMax })
        {
            issues.Add(Error(PreflightCodes.AltTextLengthMax, "alt_text",
                $"The alt text has {altText.Length} characters; Pinterest accepts at most {AltTextMax}. Shorten it."));
        }
    }

    /// <summary>Checks a link's form; returns whether it may be probed.</summary>
    public static bool CheckLink(Uri? link, string target, List<PreflightIssue> issues)
    {
        if (link is null)
        {
            return false;
        }

        if (!ProbeHttp.IsHttpUrl(link))
        {
            issues.Add(Error(PreflightCodes.LinkFormat, target,
                "The link must be an absolute http or https URL, such as https://example.com/page."));
            return false;
        }

        if (link.AbsoluteUri.Length > LinkMax)
        {
            issues.Add(Error(PreflightCodes.LinkFormat, target,
                $"The link has {link.AbsoluteUri.Length} characters; Pinterest accepts at most {LinkMax}. Use a shorter URL."));
            return false;
        }

        return true;
    }

    public static void CheckDominantColor(string? color, List<PreflightIssue> issues)
    {
        if (color is null)
        {
            return;
        }

        var valid = color.Length == 7 && color[0] == '#'
            && int.TryParse(color.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
        if (!valid)
        {
            issues.Add(Error(PreflightCodes.DominantColorFormat, "dominant_color",
                "The dominant colour must be written #RRGGBB with six hexadecimal digits, such as #6E7874."));
        }
    }

    /// <summary>Whether an id is ASCII digits only, as Pinterest's <c>^\d+$</c> board and section ids are.</summary>
    public static bool IsNumericId(string id) => id.Length > 0 && id.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    public static PreflightIssue Error(string code, string? target, string message) =>
        new() { Code = code, Severity = PreflightSeverity.Error, Target = target, Message = message };

    public static PreflightIssue Warning(string code, string? target, string message) =>
        new() { Code = code, Severity = PreflightSeverity.Warning, Target = target, Message = message };
}
