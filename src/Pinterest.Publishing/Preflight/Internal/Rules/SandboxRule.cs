namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// A video Pin cannot be created on Pinterest's API sandbox ("You cannot do the following in Sandbox: Create video
/// Pins", developers.pinterest.com/docs/developer-tools/sandbox/). Refused here, before the video is read or uploaded:
/// otherwise the whole file would be sent only for the create to fail.
/// </summary>
internal sealed class SandboxRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        if (context.Sandbox && context.Request.Media is VideoPinMedia)
        {
            issues.Error(PreflightCodes.VideoSandboxUnsupported, "media",
                "Pinterest's API sandbox cannot create video Pins. Publish an image or carousel Pin to test on the sandbox, or publish the video with Pinterest:Environment set to Production and a production token.");
        }
    }

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
