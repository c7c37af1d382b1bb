using System.Globalization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// The image checks that several rules share: an image URL's probe (the image URL, every carousel item) and an image's
/// bytes (those, and inline images). The video cover has its own codes and checks in <see cref="VideoCoverRule"/>.
/// </summary>
internal static class ImageChecks
{
    /// <summary>The portrait ratio as messages write it ("2:3").</summary>
    public static readonly string PortraitRatio =
        string.Create(CultureInfo.InvariantCulture, $"{PinterestLimits.PortraitRatioWidth}:{PinterestLimits.PortraitRatioHeight}");

    /// <summary>The portrait ratio's value, width ÷ height.</summary>
    public const double PortraitAspect = (double)PinterestLimits.PortraitRatioWidth / PinterestLimits.PortraitRatioHeight;

    /// <summary>Plans the probe of an image URL: status, headers and enough bytes for the format and dimensions.</summary>
    public static void PlanProbe(Uri url, PreflightContext context) =>
        context.Probe(url, ProbeKind.Image, context.Options.MaxImageBytes);

    /// <summary>Maps the content types some servers send to the standard one.</summary>
    public static string? NormaliseType(string? contentType) => contentType switch
    {
        null => null,
        "image/jpg" or "image/pjpeg" => "image/jpeg",
        "image/x-png" => "image/png",
        _ => contentType,
    };

    /// <summary>Whether a (normalised) content type is one of <see cref="PreflightOptions.AllowedImageContentTypes"/>.</summary>
    public static bool IsAllowedType(string contentType, PreflightOptions options) =>
        options.AllowedImageContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase);

    /// <summary>Turns an image URL's probe into issues; returns the header when the bytes were read.</summary>
    public static async ValueTask<MediaHeader?> EvaluateProbeAsync(Uri url, string target, PreflightContext context, PreflightIssueList issues)
    {
        var probe = await context.ProbeResultAsync(url).ConfigureAwait(false);
        switch (probe.Outcome)
        {
            case ProbeOutcome.InvalidUrl:
                issues.Error(PreflightCodes.ImageUrlReachable, target, "The image URL must be an absolute http or https URL.");
                return null;
            case ProbeOutcome.PrivateNetwork:
                issues.Error(PreflightCodes.UrlPrivateNetwork, target,
                    "The image URL points to a loopback, private or link-local address, which Pinterest cannot reach. Host the image publicly.");
                return null;
            case ProbeOutcome.Responded when probe.IsSuccess:
                break;
            default:
                issues.Error(PreflightCodes.ImageUrlReachable, target,
                    $"The image URL does not answer GET with 2xx: {probe.Describe()}. Check that the image exists and is public.");
                return null;
        }

        var options = context.Options;
        var allowed = string.Join(", ", options.AllowedImageContentTypes);
        var contentType = NormaliseType(probe.ContentType);
        if (contentType is null)
        {
            issues.Error(PreflightCodes.ImageMimeAllowed, target,
                $"The image URL's response has no Content-Type; Pinterest needs one of {allowed}. Configure the server to send it.");
        }
        else if (!IsAllowedType(contentType, options))
        {
            issues.Error(PreflightCodes.ImageMimeAllowed, target, $"The image is served as {contentType}; Pinterest accepts {allowed}. Convert it.");
        }

        if (probe.IsLargerThan(options.MaxImageBytes))
        {
            var size = probe.TotalLength is { } t ? $"{t:N0} bytes" : $"more than {options.MaxImageBytes:N0} bytes";
            issues.Error(PreflightCodes.ImageSizeMax, target, $"The image is {size}; the limit is {options.MaxImageBytes:N0}. Compress or resize it.");
        }

        return EvaluateBytes(probe.Header ?? default, contentType, target, options, issues);
    }

    /// <summary>Turns what an image's bytes say into issues; returns the header when its dimensions are known.</summary>
    public static MediaHeader? EvaluateBytes(MediaHeader header, string? declaredType, string target, PreflightOptions options, PreflightIssueList issues)
    {
        var actualType = MediaHeaderReader.GetContentType(header.Format);
        if (!header.IsImage)
        {
            issues.Error(PreflightCodes.ImageUnreadable, target,
                $"The bytes are not an image ({header.FormatName}). Check that the URL or data points to the image file itself, not a page.");
            return null;
        }

        if (declaredType is not null && !MediaHeaderReader.IsDeclaredTypeOf(declaredType, header.Format))
        {
            issues.Warning(PreflightCodes.ImageMimeMismatch, target,
                $"The content type says {declaredType} but the bytes are {actualType}. Fix the server's Content-Type or convert the file.");
        }

        if (!header.HasDimensions)
        {
            ReportNoDimensions(header, actualType, target, issues);
            return null;
        }

        if (header.Ending == ImageEnding.Truncated)
        {
            issues.Error(PreflightCodes.ImageUnreadable, target, header.Format == MediaFormat.Png
                ? "The PNG file ends without its IEND chunk: it is truncated. Upload the whole file again or re-export it."
                : "The JPEG file ends inside its image data, without an end-of-image marker: it is truncated. Upload the whole file again or re-export it.");
            return null;
        }

        return CheckDimensions(header, target, options, issues) ? header : null;
    }

    private static void ReportNoDimensions(MediaHeader header, string? actualType, string target, PreflightIssueList issues)
    {
        if (header.HeaderPastReadLimit)
        {
            issues.Warning(PreflightCodes.ImageDimensionsUnverified, target,
                $"The image's dimensions could not be verified: its {actualType} frame header lies more than {MediaHeaderReader.MaxHeaderLength / (1024 * 1024)} MiB into the file (large metadata before it), and preflight reads no further. Strip the metadata to have them checked.");
        }
        else if (!MediaHeaderReader.ReadsDimensions(header.Format))
        {
            issues.Warning(PreflightCodes.ImageDimensionsUnverified, target,
                $"The image's dimensions could not be verified: preflight does not read the dimensions of {actualType} files. Convert it to JPEG or PNG to have them checked.");
        }
        else
        {
            issues.Error(PreflightCodes.ImageUnreadable, target,
                $"The image's dimensions cannot be read from its {actualType} header; the file may be truncated or corrupt. Re-export it.");
        }
    }

    /// <summary>Reports sizes over the limits (an error; returns false) and under the recommended minimum (a warning).</summary>
    private static bool CheckDimensions(MediaHeader header, string target, PreflightOptions options, PreflightIssueList issues)
    {
        var width = header.DisplayWidth!.Value;
        var height = header.DisplayHeight!.Value;
        var pixels = (long)width * height;
        if (Math.Max(width, height) > options.MaxImageSide || pixels > options.MaxImagePixels)
        {
            issues.Error(PreflightCodes.ImageDimensionsMax, target,
                $"The image's header declares {header.DescribeSize()} pixels ({pixels:N0} in all); preflight accepts at most {options.MaxImageSide:N0} pixels a side (Preflight:MaxImageSide) and {options.MaxImagePixels:N0} in all (Preflight:MaxImagePixels), where common decoders refuse a file. The header is corrupt or the image is a decompression bomb: re-export it at its real size.");
            return false;
        }

        const int side = PinterestLimits.MinImageSide;
        if (width < side || height < side)
        {
            const int portraitHeight = side * PinterestLimits.PortraitRatioHeight / PinterestLimits.PortraitRatioWidth;
            issues.Warning(PreflightCodes.ImageDimensionsMin, target,
                $"The image is {header.DescribeSize()} pixels; Pinterest recommends at least {PinterestLimits.RecommendedImageWidth}×{PinterestLimits.RecommendedImageHeight} ({PortraitRatio}) and shows images under {side}×{portraitHeight} ({PortraitRatio}) or {side}×{side} (1:1) poorly. Use a larger image.");
        }

        return true;
    }
}
