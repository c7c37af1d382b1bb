using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.Internal.SafeHttp;
using static Pinterest.Publishing.Preflight.Internal.PreflightTextRules;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Checks a draft Pin: text limits and ids, media shape, and every URL by a bounded, concurrent GET probe. Content
/// problems become issues; only a malformed request (null members) throws.
/// </summary>
internal sealed class PinPreflightValidator : IPinPreflightValidator, IDisposable
{
    /// <summary>The name of the probe <see cref="HttpClient"/> registered with <c>IHttpClientFactory</c>.</summary>
    public const string ProbeHttpClientName = "Pinterest.Publishing.Probe";

    private const int MinImageSide = 600;
    private const double AspectTolerance = 0.01;
    private const double MaxVideoAspect = 1.91;
    private const double MinVideoAspect = 0.5;
    private static readonly TimeSpan MinVideoDuration = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan MaxVideoDuration = TimeSpan.FromMinutes(15);
    private static readonly string[] VideoContentTypes = ["video/mp4", "video/quicktime", "video/x-m4v", "video/m4v"];

    private readonly PreflightOptions _options;
    private readonly IDefaultBoardProvider? _defaultBoards;
    private readonly ILogger _logger;
    private readonly UrlProber _prober;
    private readonly HttpClient? _ownedClient;

    /// <summary>Creates the validator.</summary>
    /// <param name="probeClient">
    /// A client whose primary handler comes from <see cref="ProbeHttpHandlerFactory.Create(PreflightOptions)"/>
    /// (no bearer token, no proxy, no automatic redirects, SSRF guard). Per-probe timeouts are applied here, so its
    /// own <see cref="HttpClient.Timeout"/> should be infinite or longer than <see cref="PreflightOptions.ProbeTimeout"/>.
    /// </param>
    /// <param name="options">Limits and probe settings.</param>
    /// <param name="defaultBoards">Gives the default board when a request names none; optional.</param>
    /// <param name="timeProvider">The clock of probe timeouts.</param>
    /// <param name="logger">The logger.</param>
    public PinPreflightValidator(
        HttpClient probeClient,
        PreflightOptions options,
        IDefaultBoardProvider? defaultBoards,
        TimeProvider timeProvider,
        ILogger<PinPreflightValidator> logger)
        : this(probeClient, options, defaultBoards, timeProvider, (ILogger)logger, ownsClient: false)
    {
    }

    private PinPreflightValidator(
        HttpClient probeClient,
        PreflightOptions options,
        IDefaultBoardProvider? defaultBoards,
        TimeProvider timeProvider,
        ILogger logger,
        bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(probeClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentProbes, 1, "options.MaxConcurrentProbes");
        _options = options;
        _defaultBoards = defaultBoards;
        _logger = logger;
        _prober = new UrlProber(probeClient, options, timeProvider, logger);
        _ownedClient = ownsClient ? probeClient : null;
    }

    /// <summary>
    /// Creates a validator without dependency injection, with its own SSRF-safe probe client (disposed with it).
    /// </summary>
    internal static PinPreflightValidator Create(
        PreflightOptions? options = null,
        IDefaultBoardProvider? defaultBoards = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        ProbeNetworkSeams? seams = null)
    {
        options ??= new PreflightOptions();
        var client = new HttpClient(ProbeHttpHandlerFactory.Create(options, seams), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<PinPreflightValidator>();
        return new PinPreflightValidator(client, options, defaultBoards, timeProvider ?? TimeProvider.System, logger, ownsClient: true);
    }

    /// <inheritdoc />
    public async Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.AccountId))
        {
            throw new InvalidPublishRequestException("The request's AccountId is required.", $"{nameof(request)}.{nameof(request.AccountId)}");
        }

        ValidateShape(request.Media);

        var issues = new List<PreflightIssue>();
        await CheckBoardAsync(request, issues, cancellationToken).ConfigureAwait(false);
        CheckTitle(request.Title, "title", issues);
        CheckDescription(request.Description, "description", issues);
        CheckAltText(request.AltText, issues);
        CheckDominantColor(request.DominantColor, issues);
        var probeLink = CheckLink(request.Link, "link", issues) && _options.CheckDestinationLink;

        using var probes = new ProbeScheduler(_prober, _options.MaxConcurrentProbes);
        if (probeLink)
        {
            probes.Add(request.Link!, ProbeKind.Link, 0);
        }

        var mediaIssues = new List<PreflightIssue>();
        var evaluate = PlanMedia(request.Media, probes, mediaIssues);
        probes.Start(cancellationToken);

        // Local files and streams are read while the URL probes are in flight. The probes are awaited even when the
        // read throws (a caller's stream may): none may outlive the validation with an exception nobody observes.
        LocalVideo? localVideo;
        try
        {
            localVideo = request.Media is VideoPinMedia video ? ReadLocalVideo(video.Source) : null;
        }
        finally
        {
            await probes.WhenAllAsync().ConfigureAwait(false);
        }

        if (probeLink)
        {
            EvaluateLink(await probes.GetAsync(request.Link!).ConfigureAwait(false), "link", issues);
        }

        if (evaluate is not null)
        {
            await evaluate(probes, localVideo, mediaIssues).ConfigureAwait(false);
        }

        issues.AddRange(mediaIssues);
        var result = new PreflightResult(issues);
        PreflightLog.Completed(_logger, result.Errors.Count, result.Warnings.Count);
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _ownedClient?.Dispose();

    private static void ValidateShape(PinMedia? media)
    {
        const string field = "request.Media";
        switch (media)
        {
            case ImageUrlPinMedia { Url: null }:
                throw InvalidRequest("The image URL is null.", $"{field}.Url");
            case InlineImagePinMedia { ContentType: null }:
                throw InvalidRequest("The inline image's content type is null.", $"{field}.ContentType");
            case CarouselPinMedia { Items: null }:
                throw InvalidRequest("The carousel's items are null.", $"{field}.Items");
            case CarouselPinMedia carousel:
                for (var i = 0; i < carousel.Items.Count; i++)
                {
                    if (carousel.Items[i]?.Url is null)
                    {
                        throw InvalidRequest($"Carousel item {i} or its URL is null.", $"{field}.Items[{i}]");
                    }
                }

                break;
            case VideoPinMedia { Source: null }:
                throw InvalidRequest("The video source is null.", $"{field}.Source");
            case VideoPinMedia { Cover: UrlVideoCover { Url: null } }:
                throw InvalidRequest("The video cover URL is null.", $"{field}.Cover.Url");
        }
    }

    // The parameter name is the request's member path, so that the caller sees which field is wrong.
    private static InvalidPublishRequestException InvalidRequest(string message, string field) => new(message, field);

    private static string Describe(ProbeResult probe) => probe.Outcome switch
    {
        ProbeOutcome.Responded => $"it answered HTTP {probe.StatusCode}",
        _ => probe.Detail ?? probe.Outcome.ToString(),
    };

    private static string? NormaliseImageType(string? contentType) => contentType switch
    {
        null => null,
        "image/jpg" or "image/pjpeg" => "image/jpeg",
        "image/x-png" => "image/png",
        _ => contentType,
    };

    private static string FormatName(MediaFormat format) =>
        MediaHeaderReader.GetContentType(format) ?? "an unrecognised format";

    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= AspectTolerance * Math.Max(a, b);

    private static void CheckDimensions(MediaHeader header, string target, List<PreflightIssue> issues)
    {
        if (header.Width < MinImageSide || header.Height < MinImageSide)
        {
            issues.Add(Warning(PreflightCodes.ImageDimensionsMin, target,
                $"The image is {header.Width}×{header.Height} pixels; Pinterest recommends at least 1000×1500 (2:3) and shows images under 600×900 (2:3) or 600×600 (1:1) poorly. Use a larger image."));
        }
    }

    private async Task CheckBoardAsync(PublishPinRequest request, List<PreflightIssue> issues, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.BoardId))
        {
            var fallback = _defaultBoards is null
                ? null
                : await _defaultBoards.GetDefaultBoardIdAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(fallback))
            {
                issues.Add(Error(PreflightCodes.BoardRequired, "board_id",
                    "No board was given and the account has no default board. Set BoardId to the numeric id of one of the account's boards."));
            }
            else if (!IsNumericId(fallback))
            {
                issues.Add(Error(PreflightCodes.BoardIdFormat, "board_id",
                    "The default board id from IDefaultBoardProvider is not numeric. Store the board's numeric id, not its name."));
            }
        }
        else if (!IsNumericId(request.BoardId))
        {
            issues.Add(Error(PreflightCodes.BoardIdFormat, "board_id",
                "The board id must be digits only (such as 549755885175); a board name or URL was given. List the account's boards to find its id."));
        }

        if (request.BoardSectionId is not null && !IsNumericId(request.BoardSectionId))
        {
            issues.Add(Error(PreflightCodes.BoardIdFormat, "board_section_id",
                "The board section id must be digits only; a section name was given. List the board's sections to find its id."));
        }
    }

    /// <summary>Registers the media's probes and returns the step that turns their results into issues.</summary>
    private Func<ProbeScheduler, LocalVideo?, List<PreflightIssue>, Task>? PlanMedia(PinMedia? media, ProbeScheduler probes, List<PreflightIssue> issues)
    {
        switch (media)
        {
            case null:
                issues.Add(Error(PreflightCodes.MediaRequired, "media",
                    "The Pin has no media. Give an image URL, image bytes, a carousel of 2–5 images or a video."));
                return null;

            case ImageUrlPinMedia image:
                probes.Add(image.Url, ProbeKind.Image, _options.MaxImageBytes);
                return async (p, _, list) =>
                    EvaluateImage(await p.GetAsync(image.Url).ConfigureAwait(false), "media", list);

            case InlineImagePinMedia inline:
                EvaluateInlineImage(inline, issues);
                return null;

            case CarouselPinMedia carousel:
                return PlanCarousel(carousel, probes, issues);

            case VideoPinMedia video:
                return PlanVideo(video, probes);

            default:
                throw InvalidRequest($"Unknown media type {media.GetType().Name}.", "request.Media");
        }
    }

    private Func<ProbeScheduler, LocalVideo?, List<PreflightIssue>, Task> PlanCarousel(
        CarouselPinMedia carousel, ProbeScheduler probes, List<PreflightIssue> issues)
    {
        var items = carousel.Items;
        if (items.Count is < PinterestLimits.CarouselMinItems or > PinterestLimits.CarouselMaxItems)
        {
            issues.Add(Error(PreflightCodes.CarouselCount, "media",
                $"The carousel has {items.Count} images; Pinterest needs 2 to 5. {(items.Count < 2 ? "Add images or publish a single image Pin." : "Remove images or split the Pin.")}"));
        }

        var probeLinks = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            CheckTitle(item.Title, $"media[{i}].title", issues);
            CheckDescription(item.Description, $"media[{i}].description", issues);
            probeLinks[i] = CheckLink(item.Link, $"media[{i}].link", issues) && _options.CheckDestinationLink;
            probes.Add(item.Url, ProbeKind.Image, _options.MaxImageBytes);
            if (probeLinks[i])
            {
                probes.Add(item.Link!, ProbeKind.Link, 0);
            }
        }

        return async (p, _, list) =>
        {
            var headers = new List<(int Index, MediaHeader Header)>();
            for (var i = 0; i < items.Count; i++)
            {
                var header = EvaluateImage(await p.GetAsync(items[i].Url).ConfigureAwait(false), $"media[{i}]", list);
                if (header is { HasDimensions: true } h)
                {
                    headers.Add((i, h));
                }

                if (probeLinks[i])
                {
                    EvaluateLink(await p.GetAsync(items[i].Link!).ConfigureAwait(false), $"media[{i}].link", list);
                }
            }

            CheckCarouselAspect(headers, list);
        };
    }

    private static void CheckCarouselAspect(List<(int Index, MediaHeader Header)> headers, List<PreflightIssue> issues)
    {
        if (headers.Count == 0)
        {
            return;
        }

        var ratios = headers.Select(h => (double)h.Header.Width!.Value / h.Header.Height!.Value).ToArray();
        var first = ratios[0];
        var outliers = headers.Where((_, i) => !IsClose(ratios[i], first)).Select(h => h.Index).ToArray();
        if (outliers.Length > 0)
        {
            var sizes = string.Join(", ", headers.Select(h => $"media[{h.Index}] {h.Header.Width}×{h.Header.Height}"));
            issues.Add(Error(PreflightCodes.CarouselAspectConsistent, "media",
                $"Carousel images must all have the same aspect ratio (within 1 %); they are {sizes}. Crop them to one ratio, 1:1 or 2:3."));
            return;
        }

        if (!IsClose(first, 1.0) && !IsClose(first, 2.0 / 3.0))
        {
            var h0 = headers[0].Header;
            issues.Add(Error(PreflightCodes.CarouselAspectAllowed, "media",
                $"The carousel's images are {h0.Width}×{h0.Height} (ratio {first:0.###}); Pinterest accepts carousels of 1:1 or 2:3 images. Crop them to one of those."));
        }
    }

    private static void EvaluateLink(ProbeResult probe, string target, List<PreflightIssue> issues)
    {
        if (probe.Outcome == ProbeOutcome.PrivateNetwork)
        {
            issues.Add(Error(PreflightCodes.UrlPrivateNetwork, target,
                "The link points to a loopback, private or link-local address, which Pinterest cannot reach. Use a public URL."));
        }
        else if (!probe.IsSuccessOrRedirect)
        {
            issues.Add(Error(PreflightCodes.DestinationUrlReachable, target,
                $"The link does not answer GET with 2xx or 3xx: {Describe(probe)}. Check that the page exists and is public."));
        }
    }

    /// <summary>Turns an image probe into issues; returns the header when the bytes were read.</summary>
    private MediaHeader? EvaluateImage(ProbeResult probe, string target, List<PreflightIssue> issues)
    {
        switch (probe.Outcome)
        {
            case ProbeOutcome.InvalidUrl:
                issues.Add(Error(PreflightCodes.ImageUrlReachable, target,
                    "The image URL must be an absolute http or https URL."));
                return null;
            case ProbeOutcome.PrivateNetwork:
                issues.Add(Error(PreflightCodes.UrlPrivateNetwork, target,
                    "The image URL points to a loopback, private or link-local address, which Pinterest cannot reach. Host the image publicly."));
                return null;
            case ProbeOutcome.Responded when probe.IsSuccess:
                break;
            default:
                issues.Add(Error(PreflightCodes.ImageUrlReachable, target,
                    $"The image URL does not answer GET with 2xx: {Describe(probe)}. Check that the image exists and is public."));
                return null;
        }

        var contentType = NormaliseImageType(probe.ContentType);
        if (contentType is null)
        {
            issues.Add(Error(PreflightCodes.ImageMimeAllowed, target,
                $"The image URL's response has no Content-Type; Pinterest needs one of {string.Join(", ", _options.AllowedImageContentTypes)}. Configure the server to send it."));
        }
        else if (!_options.AllowedImageContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            issues.Add(Error(PreflightCodes.ImageMimeAllowed, target,
                $"The image is served as {contentType}; Pinterest accepts {string.Join(", ", _options.AllowedImageContentTypes)}. Convert it."));
        }

        if (probe.TotalLength > _options.MaxImageBytes || probe.ExceededLimitWhileCounting)
        {
            var size = probe.TotalLength is { } t ? $"{t:N0} bytes" : $"more than {_options.MaxImageBytes:N0} bytes";
            issues.Add(Error(PreflightCodes.ImageSizeMax, target,
                $"The image is {size}; the limit is {_options.MaxImageBytes:N0}. Compress or resize it."));
        }

        return EvaluateImageBytes(probe.Header ?? default, contentType, target, issues);
    }

    private static MediaHeader? EvaluateImageBytes(MediaHeader header, string? declaredType, string target, List<PreflightIssue> issues)
    {
        var actualType = MediaHeaderReader.GetContentType(header.Format);
        if (!header.IsImage)
        {
            issues.Add(Error(PreflightCodes.ImageUnreadable, target,
                $"The bytes are not an image ({FormatName(header.Format)}). Check that the URL or data points to the image file itself, not a page."));
            return null;
        }

        if (declaredType is not null && !string.Equals(actualType, declaredType, StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(Warning(PreflightCodes.ImageMimeMismatch, target,
                $"The content type says {declaredType} but the bytes are {actualType}. Fix the server's Content-Type or convert the file."));
        }

        if (!header.HasDimensions)
        {
            issues.Add(Error(PreflightCodes.ImageUnreadable, target,
                $"The image's dimensions cannot be read from its {actualType} header; the file may be truncated or corrupt. Re-export it."));
            return null;
        }

        CheckDimensions(header, target, issues);
        return header;
    }

    private void EvaluateInlineImage(InlineImagePinMedia inline, List<PreflightIssue> issues)
    {
        var declared = NormaliseImageType(inline.ContentType.Trim().ToLowerInvariant());
        if (declared is not ("image/jpeg" or "image/png"))
        {
            issues.Add(Error(PreflightCodes.ImageMimeAllowed, "media",
                $"Inline images must be image/jpeg or image/png (Pinterest's image_base64 rule); {declared} was given. Convert the image."));
        }

        if (inline.Data.Length > _options.MaxImageBytes)
        {
            issues.Add(Error(PreflightCodes.ImageSizeMax, "media",
                $"The image is {inline.Data.Length:N0} bytes; the limit is {_options.MaxImageBytes:N0}. Compress or resize it."));
        }

        var header = MediaHeaderReader.Read(inline.Data.Span, isComplete: true);
        EvaluateImageBytes(header, declared, "media", issues);
    }

    private Func<ProbeScheduler, LocalVideo?, List<PreflightIssue>, Task> PlanVideo(VideoPinMedia video, ProbeScheduler probes)
    {
        if (video.Source is UrlVideoSource url)
        {
            probes.Add(url.Url, ProbeKind.Video, _options.MaxVideoBytes);
        }

        if (video.Cover is UrlVideoCover cover)
        {
            probes.Add(cover.Url, ProbeKind.Image, _options.MaxImageBytes);
        }

        return async (p, localVideo, list) =>
        {
            var header = video.Source is UrlVideoSource urlSource
                ? EvaluateVideoProbe(await p.GetAsync(urlSource.Url).ConfigureAwait(false), list)
                : EvaluateLocalVideo(localVideo, list);

            if (header is { } h)
            {
                CheckVideoHeader(h, list);
            }

            switch (video.Cover)
            {
                case UrlVideoCover coverUrl:
                    EvaluateCover(await p.GetAsync(coverUrl.Url).ConfigureAwait(false), list);
                    break;
                case KeyFrameVideoCover keyFrame when header?.Duration is { } duration && keyFrame.Time > duration:
                    list.Add(Error(PreflightCodes.VideoCoverRequired, "cover",
                        $"The cover key frame at {keyFrame.Time.TotalSeconds:0.###} s is past the end of the {duration.TotalSeconds:0.###} s video. Pick a time within the video."));
                    break;
            }
        };
    }

    private MediaHeader? EvaluateVideoProbe(ProbeResult probe, List<PreflightIssue> issues)
    {
        switch (probe.Outcome)
        {
            case ProbeOutcome.PrivateNetwork:
                issues.Add(Error(PreflightCodes.UrlPrivateNetwork, "media",
                    "The video URL points to a loopback, private or link-local address. Host the video publicly or upload the file."));
                return null;
            case ProbeOutcome.Responded when probe.IsSuccess:
                break;
            default:
                issues.Add(Error(PreflightCodes.VideoUrlReachable, "media",
                    $"The video URL does not answer GET with 2xx: {Describe(probe)}. Check that the video exists and is public."));
                return null;
        }

        if (probe.TotalLength > _options.MaxVideoBytes || probe.ExceededLimitWhileCounting)
        {
            issues.Add(Error(PreflightCodes.VideoSizeMax, "media",
                $"The video is larger than {_options.MaxVideoBytes:N0} bytes. Compress it or shorten it."));
        }

        // When the moov atom is not in the first 64 KiB (not "faststart"), only format and size are known here:
        // the duration and dimensions are checked again when the video is downloaded for upload.
        return probe.Header;
    }

    private MediaHeader? EvaluateLocalVideo(LocalVideo? video, List<PreflightIssue> issues)
    {
        if (video is null)
        {
            return null;
        }

        if (video.Failure is not null)
        {
            issues.Add(Error(PreflightCodes.VideoUnreadable, "media",
                $"The video cannot be read: {video.Failure}. Check the path and permissions."));
            return null;
        }

        if (video.Length > _options.MaxVideoBytes)
        {
            issues.Add(Error(PreflightCodes.VideoSizeMax, "media",
                $"The video is {video.Length:N0} bytes; the limit is {_options.MaxVideoBytes:N0}. Compress it or shorten it."));
        }

        if (video.Header is null && video.DeclaredContentType is { } declared
            && !VideoContentTypes.Contains(declared.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            issues.Add(Error(PreflightCodes.VideoFormatAllowed, "media",
                $"The video stream is declared as {declared}; Pinterest accepts MP4, MOV or M4V (video/mp4, video/quicktime, video/x-m4v). Convert it."));
        }

        return video.Header;
    }

    private static void CheckVideoHeader(MediaHeader header, List<PreflightIssue> issues)
    {
        if (!header.IsAllowedVideo)
        {
            issues.Add(Error(PreflightCodes.VideoFormatAllowed, "media",
                $"The video's bytes are {FormatName(header.Format)}; Pinterest accepts MP4, MOV or M4V. Convert it (H.264 in MP4 is safest)."));
            return;
        }

        if (header.Duration is { } duration && (duration < MinVideoDuration || duration > MaxVideoDuration))
        {
            issues.Add(Error(PreflightCodes.VideoDurationRange, "media",
                $"The video lasts {duration.TotalSeconds:0.##} s; Pinterest accepts 4 s to 15 min. {(duration < MinVideoDuration ? "Use a longer clip." : "Trim it.")}"));
        }

        if (header.HasDimensions)
        {
            var aspect = (double)header.Width!.Value / header.Height!.Value;
            if (aspect > MaxVideoAspect * (1 + 1e-3) || aspect < MinVideoAspect * (1 - 1e-3))
            {
                issues.Add(Warning(PreflightCodes.VideoAspectRange, "media",
                    $"The video is {header.Width}×{header.Height} (ratio {aspect:0.##}); Pinterest shows videos between 1:2 and 1.91:1 best and crops others. Prefer 2:3, 9:16 or 1:1."));
            }
        }
    }

    private void EvaluateCover(ProbeResult probe, List<PreflightIssue> issues)
    {
        switch (probe.Outcome)
        {
            case ProbeOutcome.InvalidUrl:
                issues.Add(Error(PreflightCodes.VideoCoverRequired, "cover",
                    "The cover URL must be an absolute http or https URL. Fix it, or omit the cover to use the first frame."));
                return;
            case ProbeOutcome.PrivateNetwork:
                issues.Add(Error(PreflightCodes.UrlPrivateNetwork, "cover",
                    "The cover URL points to a loopback, private or link-local address, which Pinterest cannot reach. Host the cover publicly."));
                return;
            case ProbeOutcome.Responded when probe.IsSuccess:
                break;
            default:
                issues.Add(Error(PreflightCodes.CoverImageUrlReachable, "cover",
                    $"The cover URL does not answer GET with 2xx: {Describe(probe)}. Check that the image exists and is public."));
                return;
        }

        var contentType = NormaliseImageType(probe.ContentType);
        if (contentType is null || !_options.AllowedImageContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            issues.Add(Error(PreflightCodes.CoverImageUrlReachable, "cover",
                $"The cover URL is served as {contentType ?? "no content type"}; it must be an image ({string.Join(", ", _options.AllowedImageContentTypes)})."));
            return;
        }

        if (probe.TotalLength > _options.MaxImageBytes || probe.ExceededLimitWhileCounting)
        {
            issues.Add(Error(PreflightCodes.ImageSizeMax, "cover",
                $"The cover image is larger than {_options.MaxImageBytes:N0} bytes. Compress or resize it."));
        }

        var header = probe.Header ?? default;
        if (!header.IsImage || !header.HasDimensions)
        {
            issues.Add(Error(PreflightCodes.VideoCoverRequired, "cover",
                $"The cover's bytes are not a readable image ({FormatName(header.Format)}). Use a JPEG or PNG, or omit the cover to use the first frame."));
            return;
        }

        var actualType = MediaHeaderReader.GetContentType(header.Format);
        if (!string.Equals(actualType, contentType, StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(Warning(PreflightCodes.ImageMimeMismatch, "cover",
                $"The cover is served as {contentType} but the bytes are {actualType}. Fix the server's Content-Type or convert the file."));
        }
    }

    /// <summary>Reads a file or stream source's header and size, as a header with the issues recorded later.</summary>
    private static LocalVideo? ReadLocalVideo(VideoSource source)
    {
        try
        {
            switch (source)
            {
                case FileVideoSource file:
                    {
                        using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);
                        return new LocalVideo(MediaHeaderReader.ReadVideo(stream), stream.Length, null, null);
                    }

                case StreamVideoSource { Stream.CanSeek: true } seekable:
                    {
                        var stream = seekable.Stream;
                        var position = stream.Position;
                        try
                        {
                            return new LocalVideo(MediaHeaderReader.ReadVideo(stream), stream.Length - position, seekable.ContentType, null);
                        }
                        finally
                        {
                            stream.Position = position;
                        }
                    }

                case StreamVideoSource unseekable:
                    // Reading a non-seekable stream would consume bytes the upload needs; it is spooled to a file
                    // by the upload pipeline, which checks the container then. Only the declared type is checked here.
                    return new LocalVideo(null, null, unseekable.ContentType, null);

                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : "it cannot be read";
            return new LocalVideo(null, null, null, reason);
        }
        catch (ArgumentException) when (source is FileVideoSource)
        {
            // The file system rejects the path itself (a NUL character): the draft's error, not a transient one.
            return new LocalVideo(null, null, null, "the path contains invalid characters");
        }
    }
}
