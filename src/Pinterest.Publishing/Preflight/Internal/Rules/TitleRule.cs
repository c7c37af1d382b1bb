using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>The Pin's title fits <see cref="PinterestLimits.TitleMaxLength"/>; <see cref="Check"/> serves carousel items too.</summary>
internal sealed class TitleRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues) => Check(context.Request.Title, "title", issues);

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Checks a title's length.</summary>
    public static void Check(string? title, string target, PreflightIssueList issues) =>
        TextChecks.MaxLength(title, PinterestLimits.TitleMaxLength, PreflightCodes.TitleLengthMax, "title", target, issues);
}
