namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// A video Pin's cover URL answers GET with an allowed, readable image within the size limit; a key frame lies within
/// the video, when the video's duration is known.
/// </summary>
internal sealed class VideoCoverRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        if (context.Request.Media is VideoPinMedia { Cover: UrlVideoCover cover })
        {
            ImageChecks.PlanProbe(cover.Url, context);
        }
    }

    /// <inheritdoc />
    public async ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken)
    {
        switch (context.Request.Media)
        {
            case VideoPinMedia { Cover: UrlVideoCover cover }:
                EvaluateUrl(await context.ProbeResultAsync(cover.Url).ConfigureAwait(false), context.Options, issues);
                break;
            case VideoPinMedia { Cover: KeyFrameVideoCover keyFrame } video:
                var header = await VideoSourceRule.KnownHeaderAsync(context, video.Source).ConfigureAwait(false);
                if (header?.Duration is { } duration && keyFrame.Time > duration)
                {
                    // Pinterest's spec (cover_image_key_frame_time): "If entered time exceeds video duration, the last frame
                    // is used." The Pin is published; only the cover is not the one asked for.
                    issues.Warning(PreflightCodes.VideoCoverKeyFrameAfterEnd, "cover",
                        $"The cover key frame at {keyFrame.Time.TotalSeconds:0.###} s is past the end of the {duration.TotalSeconds:0.###} s video; Pinterest will use the last frame. Pick a time within the video to choose the cover.");
                }

                break;
        }
    }

    private static void EvaluateUrl(ProbeResult probe, PreflightOptions options, PreflightIssueList issues)
    {
        switch (probe.Outcome)
        {
            case ProbeOutcome.InvalidUrl:
                issues.Error(PreflightCodes.VideoCoverRequired, "cover",
                    "The cover URL must be an absolute http or https URL. Fix it, or omit the cover to use the first frame.");
                return;
            case ProbeOutcome.PrivateNetwork:
                issues.Error(PreflightCodes.UrlPrivateNetwork, "cover",
                    "The cover URL points to a loopback, private or link-local address, which Pinterest cannot reach. Host the cover publicly.");
                return;
            case ProbeOutcome.Responded when probe.IsSuccess:
                break;
            default:
                issues.Error(PreflightCodes.CoverImageUrlReachable, "cover",
                    $"The cover URL does not answer GET with 2xx: {probe.Describe()}. Check that the image exists and is public.");
                return;
        }

        var contentType = ImageChecks.NormaliseType(probe.ContentType);
        if (contentType is null || !ImageChecks.IsAllowedType(contentType, options))
        {
            issues.Error(PreflightCodes.CoverImageUrlReachable, "cover",
                $"The cover URL is served as {contentType ?? "no content type"}; it must be an image ({string.Join(", ", options.AllowedImageContentTypes)}).");
            return;
        }

        if (probe.IsLargerThan(options.MaxImageBytes))
        {
            issues.Error(PreflightCodes.ImageSizeMax, "cover", $"The cover image is larger than {options.MaxImageBytes:N0} bytes. Compress or resize it.");
        }

        var header = probe.Header ?? default;
        if (header is { IsImage: true, HasDimensions: false, HeaderPastReadLimit: true })
        {
            issues.Warning(PreflightCodes.ImageDimensionsUnverified, "cover",
                $"The cover's dimensions could not be verified: its frame header lies more than {MediaHeaderReader.MaxHeaderLength / (1024 * 1024)} MiB into the file, and preflight reads no further.");
            return;
        }

        if (!header.IsImage || !header.HasDimensions)
        {
            issues.Error(PreflightCodes.VideoCoverRequired, "cover",
                $"The cover's bytes are not a readable image ({header.FormatName}). Use a JPEG or PNG, or omit the cover to use the first frame.");
            return;
        }

        var actualType = MediaHeaderReader.GetContentType(header.Format);
        if (!MediaHeaderReader.IsDeclaredTypeOf(contentType, header.Format))
        {
            issues.Warning(PreflightCodes.ImageMimeMismatch, "cover",
                $"The cover is served as {contentType} but the bytes are {actualType}. Fix the server's Content-Type or convert the file.");
        }
    }
}
