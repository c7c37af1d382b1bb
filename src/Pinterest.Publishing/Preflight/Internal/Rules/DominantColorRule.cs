using System.Globalization;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>The dominant colour is <c>#RRGGBB</c>, as <c>PinCreate.dominant_color</c>'s example <c>#6E7874</c> is written.</summary>
internal sealed class DominantColorRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        var color = context.Request.DominantColor;
        if (color is null)
        {
            return;
        }

        var valid = color.Length == 7 && color[0] == '#'
            && int.TryParse(color.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
        if (!valid)
        {
            issues.Error(PreflightCodes.DominantColorFormat, "dominant_color",
                "The dominant colour must be written #RRGGBB with six hexadecimal digits, such as #6E7874.");
        }
    }

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
