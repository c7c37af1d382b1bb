using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>The Pin has media. (Which media and its members being non-null is the request's shape: <see cref="RequestShape"/>.)</summary>
internal sealed class MediaRequiredRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        if (context.Request.Media is null)
        {
            issues.Error(PreflightCodes.MediaRequired, "media",
                $"The Pin has no media. Give an image URL, image bytes, a carousel of {PinterestLimits.CarouselMinItems}–{PinterestLimits.CarouselMaxItems} images or a video.");
        }
    }

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
