using System.Globalization;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>What a publish of the hostile chaos run carries.</summary>
internal enum ChaosMedia
{
    ImageUrl,
    ImageBytes,
    Carousel,
    VideoFile,

    /// <summary>A seekable stream: uploaded in place, so never scheduled (a retry would find it read to the end).</summary>
    VideoStream,

    /// <summary>A non-seekable stream, spooled to a temporary file; never scheduled either.</summary>
    VideoSpooledStream,

    /// <summary>A URL on the emulator's media host, downloaded to a temporary file.</summary>
    VideoUrl,

    /// <summary>The crash-class MP4 (a Canon uuid box of 20,000 nested IFDs): a valid 5 s movie once read safely.</summary>
    NestedIfdVideo,

    /// <summary>The 180-byte MP4 whose <c>moov/meta/keys</c> entry claims 2 GiB: a 2 s movie, which preflight rejects.</summary>
    OversizedKeysVideo,

    /// <summary>A signed URL with a password whose host drips the video slower than the minimum download rate.</summary>
    DrippingVideo,
}

/// <summary>
/// The media of the hostile chaos run: fixtures and generated hostile files, hosted on the emulator, on disk and as
/// streams, with a signed query (a secret) on every other URL. A publish's media depends only on its number.
/// </summary>
internal sealed class HostileChaosMedia : IDisposable
{
    // 25 publishes: 12 images or carousels, 13 videos (two crash-class, two 2 GiB claims, a dripping host every other round).
    private static readonly ChaosMedia[] Cycle =
    [
        ChaosMedia.ImageUrl, ChaosMedia.Carousel, ChaosMedia.VideoFile, ChaosMedia.ImageBytes, ChaosMedia.VideoUrl,
        ChaosMedia.ImageUrl, ChaosMedia.NestedIfdVideo, ChaosMedia.VideoStream, ChaosMedia.ImageUrl, ChaosMedia.OversizedKeysVideo,
        ChaosMedia.Carousel, ChaosMedia.VideoSpooledStream, ChaosMedia.ImageBytes, ChaosMedia.VideoFile, ChaosMedia.ImageUrl,
        ChaosMedia.VideoUrl, ChaosMedia.ImageUrl, ChaosMedia.Carousel, ChaosMedia.NestedIfdVideo, ChaosMedia.ImageBytes,
        ChaosMedia.OversizedKeysVideo, ChaosMedia.VideoFile, ChaosMedia.ImageUrl, ChaosMedia.DrippingVideo, ChaosMedia.VideoUrl,
    ];

    private readonly TempDirectory _inputs = new();
    private readonly byte[] _nestedIfd = HostileMp4.NestedCanonTiff(depth: 20_000);
    private readonly byte[] _oversizedKeys = HostileMp4.KeysEntryClaimingTwoGiB();
    private readonly byte[] _imageBytes = Fixture("large-1000x1500.png");
    private readonly string _videoPath = FixturePath("video-5s.mp4");

    private readonly Uri _imageUrl;
    private readonly Uri _squareJpegUrl;
    private readonly Uri _squarePngUrl;
    private readonly Uri _videoUrl;
    private readonly Uri _nestedIfdUrl;
    private readonly Uri _oversizedKeysUrl;

    public HostileChaosMedia(PinterestEmulator emulator)
    {
        NestedIfdPath = _inputs.WriteFile("nested-ifds.mp4", _nestedIfd);
        OversizedKeysPath = _inputs.WriteFile("oversized-keys.mp4", _oversizedKeys);
        _imageUrl = emulator.HostMedia("large-1000x1500.jpg", Fixture("large-1000x1500.jpg"), "image/jpeg");
        _squareJpegUrl = emulator.HostMedia("large-1000x1000.jpg", Fixture("large-1000x1000.jpg"), "image/jpeg");
        _squarePngUrl = emulator.HostMedia("large-1000x1000.png", Fixture("large-1000x1000.png"), "image/png");
        _videoUrl = emulator.HostMedia("video-5s.mp4", Video, "video/mp4");
        _nestedIfdUrl = emulator.HostMedia("nested-ifds.mp4", _nestedIfd, "video/mp4");
        _oversizedKeysUrl = emulator.HostMedia("oversized-keys.mp4", _oversizedKeys, "video/mp4");
    }

    /// <summary>The well-formed 5 s movie the ordinary video publishes (and the dripping host) send.</summary>
    public static byte[] Video { get; } = Fixture("video-5s.mp4");

    public string NestedIfdPath { get; }

    public string OversizedKeysPath { get; }

    /// <summary>The signatures and passwords put into URLs so far: no log, span or message may repeat them.</summary>
    public List<(string Kind, string Value)> UrlSecrets { get; } = [];

    /// <summary>What publish <paramref name="publish"/> carries; streams are never scheduled, since a retry could not read them again.</summary>
    public static ChaosMedia KindOf(int publish, bool scheduled)
    {
        var kind = Cycle[publish % Cycle.Length];
        return kind switch
        {
            ChaosMedia.DrippingVideo when publish / Cycle.Length % 2 == 0 => ChaosMedia.VideoFile,
            ChaosMedia.VideoStream or ChaosMedia.VideoSpooledStream when scheduled => ChaosMedia.VideoUrl,
            _ => kind,
        };
    }

    /// <summary>The media of publish <paramref name="publish"/>, and how a hostile file is given (file, stream or URL).</summary>
    public (PinMedia Media, string Variant) Create(ChaosMedia kind, int publish, bool scheduled)
    {
        // Hostile files rotate through the ways a video can be given; scheduled Pins only by file or URL.
        var variants = scheduled ? new[] { "file", "url" } : kind == ChaosMedia.OversizedKeysVideo
            ? new[] { "file", "stream", "url" } // a spooled stream's header is not read before the upload
            : new[] { "file", "stream", "spooled stream", "url" };
        var variant = variants[publish / Cycle.Length % variants.Length];
        return kind switch
        {
            ChaosMedia.ImageUrl => (PinMedia.Image(Signed(_imageUrl, publish)), "url"),
            ChaosMedia.ImageBytes => (PinMedia.Image(_imageBytes, "image/png"), "bytes"),
            ChaosMedia.Carousel => (PinMedia.Carousel(
                new CarouselItem(Signed(_squareJpegUrl, publish)),
                new CarouselItem(_squarePngUrl)), "urls"),
            ChaosMedia.VideoFile => (PinMedia.Video(VideoSource.FromFile(_videoPath)), "file"),
            ChaosMedia.VideoStream => (PinMedia.Video(VideoSource.FromStream(new MemoryStream(Video, writable: false), "video/mp4")), "stream"),
            ChaosMedia.VideoSpooledStream => (PinMedia.Video(VideoSource.FromStream(new NonSeekableStream(new MemoryStream(Video, writable: false)), "video/mp4")), "spooled stream"),
            ChaosMedia.VideoUrl => (PinMedia.Video(VideoSource.FromUrl(Signed(_videoUrl, publish))), "url"),
            ChaosMedia.NestedIfdVideo => (PinMedia.Video(Source(variant, NestedIfdPath, _nestedIfd, _nestedIfdUrl, publish)), variant),
            ChaosMedia.OversizedKeysVideo => (PinMedia.Video(Source(variant, OversizedKeysPath, _oversizedKeys, _oversizedKeysUrl, publish)), variant),
            ChaosMedia.DrippingVideo => (PinMedia.Video(VideoSource.FromUrl(DrippingUrl(publish))), "url"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public void Dispose() => _inputs.Dispose();

    private static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", name);

    private static byte[] Fixture(string name) => File.ReadAllBytes(FixturePath(name));

    private VideoSource Source(string variant, string path, byte[] bytes, Uri url, int publish) => variant switch
    {
        "file" => VideoSource.FromFile(path),
        "stream" => VideoSource.FromStream(new MemoryStream(bytes, writable: false), "video/mp4"),
        "spooled stream" => VideoSource.FromStream(new NonSeekableStream(new MemoryStream(bytes, writable: false)), "video/mp4"),
        _ => VideoSource.FromUrl(Signed(url, publish)),
    };

    /// <summary>Every other URL carries a signature in its query, as a CDN's signed URL does.</summary>
    private Uri Signed(Uri url, int publish)
    {
        if (publish % 2 == 0)
        {
            return url;
        }

        var signature = Secret("signature", publish);
        return new Uri($"{url}?X-Amz-Expires=600&X-Amz-Signature={signature}");
    }

    private Uri DrippingUrl(int publish)
    {
        var password = Secret("drip-password", publish);
        var signature = Secret("drip-signature", publish);
        return new Uri($"https://drip-user:{password}@{DrippingVideoHost.Host}/clip-{publish}.mp4?X-Amz-Signature={signature}");
    }

    private string Secret(string kind, int publish)
    {
        // Deterministic, so that two runs with one seed send the same requests; unique, so a leak names its publish.
        var value = string.Create(CultureInfo.InvariantCulture, $"{kind}-{publish:D4}-{unchecked((uint)publish * 2654435761u):x8}");
        lock (UrlSecrets)
        {
            UrlSecrets.Add(($"URL {kind}", value));
        }

        return value;
    }
}
