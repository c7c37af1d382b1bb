using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing;

/// <summary>How preflight probes media and links.</summary>
public sealed class PreflightOptions
{
    /// <summary>
    /// Allows URLs that resolve to loopback, private, link-local and similar addresses. Off by default: a draft's URLs
    /// come from users, and probing them must not reach the host's internal network. Turn on only for tests: it lifts
    /// the whole connect guard of the probe, download and upload clients, including <see cref="AllowedPorts"/> and the
    /// upload client's https requirement (a local emulator serves its upload URL over http).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Timeout of one probe. Positive, at most one day; default 10 seconds.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of establishing one probe connection. Positive, at most one day; default 5 seconds.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many probes of one draft run at once. At least 1; default 8.</summary>
    [AtLeast(1)]
    public int MaxConcurrentProbes { get; set; } = 8;

    /// <summary>Whether the destination link is probed. Default <see langword="true"/>.</summary>
    public bool CheckDestinationLink { get; set; } = true;

    /// <summary>The largest image accepted, in bytes. At least 1; default 20,000,000.</summary>
    [AtLeast(1)]
    public long MaxImageBytes { get; set; } = 20_000_000;

    /// <summary>
    /// The most pixels an image's header may declare (width × height, as displayed), checked without decoding. At least
    /// 1; default 178,956,970. Pinterest publishes no pixel limit; the default is where a common server-side decoder
    /// refuses a file as a decompression bomb: Pillow raises <c>DecompressionBombError</c> above twice its
    /// <c>Image.MAX_IMAGE_PIXELS</c> (89,478,485). A header over it (a 1.5 KB PNG declaring 60000×90000) is
    /// <c>pinterest.image.dimensions_max</c>.
    /// </summary>
    [AtLeast(1)]
    public long MaxImagePixels { get; set; } = 178_956_970;

    /// <summary>
    /// The longest side, in pixels, an image's header may declare, checked without decoding. At least 1; default 65,500:
    /// libjpeg and libjpeg-turbo's <c>JPEG_MAX_DIMENSION</c>, the largest side the usual JPEG decoder opens (Pinterest
    /// publishes no limit). A header over it is <c>pinterest.image.dimensions_max</c>.
    /// </summary>
    [AtLeast(1)]
    public int MaxImageSide { get; set; } = 65_500;

    /// <summary>
    /// Whether a JPEG or PNG served by URL and longer than the 64 KiB prefix preflight reads has its end checked for
    /// truncation. Default <see langword="false"/>. Inline image bytes, and URL images that arrive whole in the prefix,
    /// are always checked. When on, every image URL gets a second GET, of its last 2 KiB (<c>Range: bytes=-2048</c>),
    /// sent at the same time as the prefix's: one more request per image, in the same round trip. A server that ignores
    /// <c>Range</c> answers it with the whole file: that answer is dropped unread and the end is not judged. It is off
    /// because it doubles the requests to every image host and a truncated large file is rare, while the default keeps
    /// a large image to one request of at most 64 KiB.
    /// </summary>
    public bool VerifyImageEndOverHttp { get; set; }

    /// <summary>The largest video accepted, in bytes. At least 1; default 2,000,000,000.</summary>
    [AtLeast(1)]
    public long MaxVideoBytes { get; set; } = 2_000_000_000;

    /// <summary>
    /// The ports the probe, download and upload clients may connect to on a public address. Default 80 and 443: a
    /// user's URL must not make the library talk to a mail, SSH or database port. A configured list replaces the
    /// default, so list every port (for example 80, 443 and 8080). Each from 1 to 65535, at least one.
    /// </summary>
    public IList<int> AllowedPorts { get; } = new List<int> { 80, 443 };

    /// <summary>The image content types accepted from probes. At least one; default <c>image/jpeg</c> and <c>image/png</c>.</summary>
    public IList<string> AllowedImageContentTypes { get; } = new List<string> { "image/jpeg", "image/png" };
}
