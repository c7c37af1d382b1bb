using System.Globalization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// What a video's header says against Pinterest's rules (<see cref="PinterestLimits"/>: <c>Video*</c>): container,
/// completeness, duration and ratio. One check for every source: a file or seekable stream read by preflight, a URL's
/// prefix and ranged reads, and the copy the upload pipeline spools from a URL or a forward-only stream before anything
/// is sent (<see cref="CheckSpooled"/>).
/// </summary>
internal static class VideoChecks
{
    private static readonly string DurationRange = string.Create(CultureInfo.InvariantCulture,
        $"{PinterestLimits.VideoMinDuration.TotalSeconds:0} s to {PinterestLimits.VideoMaxDuration.TotalMinutes:0} min");

    private static readonly string AspectRange = string.Create(CultureInfo.InvariantCulture,
        $"1:{1 / PinterestLimits.VideoMinAspect:0.##} and {PinterestLimits.VideoMaxAspect:0.##}:1");

    /// <summary>Reports what <paramref name="header"/> breaks into <paramref name="issues"/>.</summary>
    public static void CheckHeader(MediaHeader header, PreflightIssueList issues)
    {
        if (!header.IsAllowedVideo)
        {
            issues.Error(PreflightCodes.VideoFormatAllowed, "media",
                $"The video's bytes are {header.FormatName}; Pinterest accepts {PinterestLimits.VideoContainerNames}. Convert it (H.264 in MP4 is safest).");
            return;
        }

        if (header.Layout is { IsTruncated: true })
        {
            issues.Error(PreflightCodes.VideoUnreadable, "media",
                "The video is cut short: a box of its container runs past the end of the file, so Pinterest cannot process it. Copy or download the complete file again.");
            return;
        }

        if (header.Layout is { HasNoMovie: true })
        {
            issues.Error(PreflightCodes.VideoUnreadable, "media",
                "The video has no 'moov' box (the index a player needs), so Pinterest cannot process it: the recording or export did not finish. Export it again.");
            return;
        }

        CheckDuration(header, issues);
        if (header.HasDimensions)
        {
            var aspect = (double)header.Width!.Value / header.Height!.Value;
            const double slack = PinterestLimits.VideoAspectSlack;
            if (aspect > PinterestLimits.VideoMaxAspect * (1 + slack) || aspect < PinterestLimits.VideoMinAspect * (1 - slack))
            {
                issues.Warning(PreflightCodes.VideoAspectRange, "media",
                    $"The video is {header.Width}×{header.Height} (ratio {aspect:0.##}); Pinterest shows videos between {AspectRange} best and crops others. Prefer {ImageChecks.PortraitRatio}, 9:16 or 1:1.");
            }
        }
    }

    /// <summary>
    /// Checks a video the upload pipeline spooled (from a URL or a forward-only stream) with the rules preflight could
    /// not apply before: its header is read from the file, whose position is restored.
    /// </summary>
    /// <returns>The issues found; errors mean the video must not be uploaded.</returns>
    public static IReadOnlyList<PreflightIssue> CheckSpooled(Stream spooled)
    {
        var position = spooled.Position;
        MediaHeader header;
        try
        {
            header = MediaHeaderReader.ReadVideo(spooled);
        }
        finally
        {
            spooled.Position = position;
        }

        var issues = new PreflightIssueList();
        CheckHeader(header, issues);
        return issues.Items;
    }

    private static void CheckDuration(MediaHeader header, PreflightIssueList issues)
    {
        if (header.Duration is { } duration)
        {
            if (duration < PinterestLimits.VideoMinDuration || duration > PinterestLimits.VideoMaxDuration)
            {
                var fix = duration < PinterestLimits.VideoMinDuration ? "Use a longer clip." : "Trim it.";
                issues.Error(PreflightCodes.VideoDurationRange, "media",
                    $"The video lasts {duration.TotalSeconds:0.##} s; Pinterest accepts {DurationRange}. {fix}");
            }

            return;
        }

        if (header.Layout is { FragmentedDurationNotStated: true })
        {
            issues.Warning(PreflightCodes.VideoDurationUnknown, "media",
                $"The video is fragmented and states no total duration (its movie header says 0 and it has no 'mehd' box), so it could not be checked against {DurationRange}; Pinterest checks it while processing. Write the duration (ffmpeg: -movflags +faststart without fragmenting) to have it checked here.");
        }
        else if (header.Layout is { Moov: null, NextBoxOffset: not null })
        {
            issues.Warning(PreflightCodes.VideoDurationUnknown, "media",
                $"The video's 'moov' box (duration and size) is not within the bytes preflight reads (it lies after the first 64 KiB and the server ignores Range requests or did not answer the ranged read of it in time, or behind too many boxes), so its duration could not be checked against {DurationRange} here; it is checked when the video is downloaded for upload, before anything is sent to Pinterest. Serve it with Range support or write it with ffmpeg -movflags +faststart.");
        }
    }
}
