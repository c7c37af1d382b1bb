namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>An image Pin's URL answers GET with an allowed image of a readable size and dimensions (<see cref="ImageChecks"/>).</summary>
internal sealed class ImageUrlRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        if (context.Request.Media is ImageUrlPinMedia image)
        {
            ImageChecks.PlanProbe(image.Url, context);
        }
    }

    /// <inheritdoc />
    public async ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken)
    {
        if (context.Request.Media is ImageUrlPinMedia image)
        {
            await ImageChecks.EvaluateProbeAsync(image.Url, "media", context, issues).ConfigureAwait(false);
        }
    }
}
