using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// The Pin's description fits <see cref="PinterestLimits.DescriptionMaxLength"/>, with a warning past what the feed
/// shows (<see cref="PinterestLimits.DescriptionDisplayLength"/>); <see cref="Check"/> serves carousel items too.
/// </summary>
internal sealed class DescriptionRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues) => Check(context.Request.Description, "description", issues);

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Checks a description's length.</summary>
    public static void Check(string? description, string target, PreflightIssueList issues)
    {
        var fits = TextChecks.MaxLength(
            description, PinterestLimits.DescriptionMaxLength, PreflightCodes.DescriptionLengthMax, "description", target, issues);
        if (fits && description is not null && PinterestText.Length(description) is var length and > PinterestLimits.DescriptionDisplayLength)
        {
            issues.Warning(PreflightCodes.DescriptionDisplayLength, target,
                $"The description has {length} characters; Pinterest shows about {PinterestLimits.DescriptionDisplayLength} in the feed and cuts the rest. Put what matters first.");
        }
    }
}
