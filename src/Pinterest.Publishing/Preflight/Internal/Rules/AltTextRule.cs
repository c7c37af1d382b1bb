using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>The Pin's alt text fits <see cref="PinterestLimits.AltTextMaxLength"/>.</summary>
internal sealed class AltTextRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues) =>
        TextChecks.MaxLength(context.Request.AltText, PinterestLimits.AltTextMaxLength, PreflightCodes.AltTextLengthMax, "alt text", "alt_text", issues);

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
