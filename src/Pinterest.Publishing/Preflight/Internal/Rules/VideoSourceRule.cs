using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// A video Pin's file, stream or URL can be read, is within the size limit, and is a container, duration and ratio
/// Pinterest accepts (<see cref="VideoChecks"/>). A file or seekable stream is read locally while the probes run; a URL
/// is probed for its first 64 KiB and, when its <c>moov</c> lies further on, ranged reads where it is
/// (<see cref="VideoMoovReader"/>).
/// </summary>
internal sealed class VideoSourceRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        switch (context.Request.Media)
        {
            case VideoPinMedia { Source: UrlVideoSource url }:
                context.Probe(url.Url, ProbeKind.Video, context.Options.MaxVideoBytes);
                break;
            case VideoPinMedia video:
                context.ReadLocalVideo(video.Source);
                break;
        }
    }

    /// <inheritdoc />
    public async ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken)
    {
        if (context.Request.Media is not VideoPinMedia video)
        {
            return;
        }

        if (video.Source is UrlVideoSource url)
        {
            EvaluateProbe(await context.ProbeResultAsync(url.Url).ConfigureAwait(false), context.Options, issues);
        }
        else
        {
            EvaluateLocal(context.LocalVideo, context.Options, issues);
        }

        if (await KnownHeaderAsync(context, video.Source).ConfigureAwait(false) is { } header)
        {
            VideoChecks.CheckHeader(header, issues);
        }
    }

    /// <summary>
    /// The header read from the video, when it was read: a URL that answered 2xx, or a file or stream that could be
    /// opened. When a URL's <c>moov</c> box is not in the first 64 KiB (not "faststart") and the server ignores
    /// <c>Range</c>, it holds only the format: the upload pipeline checks the downloaded copy before uploading it
    /// (<see cref="VideoChecks.CheckSpooled"/>), as it does a forward-only stream's.
    /// </summary>
    public static async ValueTask<MediaHeader?> KnownHeaderAsync(PreflightContext context, VideoSource source)
    {
        if (source is UrlVideoSource url)
        {
            var probe = await context.ProbeResultAsync(url.Url).ConfigureAwait(false);
            return probe.IsSuccess ? probe.Header : null;
        }

        return context.LocalVideo is { Failure: null } local ? local.Header : null;
    }

    private static void EvaluateProbe(ProbeResult probe, PreflightOptions options, PreflightIssueList issues)
    {
        if (probe.Outcome == ProbeOutcome.PrivateNetwork)
        {
            issues.Error(PreflightCodes.UrlPrivateNetwork, "media",
                "The video URL points to a loopback, private or link-local address. Host the video publicly or upload the file.");
        }
        else if (!probe.IsSuccess)
        {
            issues.Error(PreflightCodes.VideoUrlReachable, "media",
                $"The video URL does not answer GET with 2xx: {probe.Describe()}. Check that the video exists and is public.");
        }
        else if (probe.IsLargerThan(options.MaxVideoBytes))
        {
            issues.Error(PreflightCodes.VideoSizeMax, "media",
                $"The video is larger than {options.MaxVideoBytes:N0} bytes. Compress it or shorten it.");
        }
    }

    private static void EvaluateLocal(LocalVideo? video, PreflightOptions options, PreflightIssueList issues)
    {
        if (video is null)
        {
            return;
        }

        if (video.Failure is not null)
        {
            issues.Error(PreflightCodes.VideoUnreadable, "media", $"The video cannot be read: {video.Failure}. Check the path and permissions.");
            return;
        }

        if (video.Length > options.MaxVideoBytes)
        {
            issues.Error(PreflightCodes.VideoSizeMax, "media",
                $"The video is {video.Length:N0} bytes; the limit is {options.MaxVideoBytes:N0}. Compress it or shorten it.");
        }

        if (video.Header is null && video.DeclaredContentType is { } declared && !IsAllowedContentType(declared.Trim()))
        {
            issues.Error(PreflightCodes.VideoFormatAllowed, "media",
                $"The video stream is declared as {declared}; Pinterest accepts {PinterestLimits.VideoContainerNames} ({string.Join(", ", PinterestLimits.VideoContentTypes)}). Convert it.");
        }
    }

    private static bool IsAllowedContentType(string contentType) =>
        PinterestLimits.VideoContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase)
        || string.Equals(contentType, PinterestLimits.VideoContentTypeM4VAlias, StringComparison.OrdinalIgnoreCase);
}
