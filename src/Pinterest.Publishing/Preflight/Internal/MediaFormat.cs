
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>A media container or image format recognised by its magic bytes.</summary>
internal enum MediaFormat
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>JPEG (<c>FF D8 FF</c>).</summary>
    Jpeg,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>GIF87a / GIF89a.</summary>
    Gif,

    /// <summary>WebP (RIFF container with the WEBP form type).</summary>
    WebP,

    /// <summary>BMP.</summary>
    Bmp,

    /// <summary>TIFF.</summary>
    Tiff,

    /// <summary>A HEIF image whose brands name no codec (<c>mif1</c>, <c>msf1</c>): <c>image/heif</c>.</summary>
    Heif,

    /// <summary>MP4 (ISO base media file with a video brand).</summary>
    Mp4,

    /// <summary>QuickTime MOV.</summary>
    QuickTime,

    /// <summary>Apple M4V.</summary>
    M4V,

    /// <summary>3GPP/3GPP2.</summary>
    ThreeGpp,

    /// <summary>Matroska / WebM.</summary>
    Matroska,

    /// <summary>AVI.</summary>
    Avi,

    /// <summary>A HEIC image (HEIF with HEVC: brands <c>heic</c>, <c>heix</c>, <c>heim</c>, <c>heis</c>): <c>image/heic</c>.</summary>
    Heic,

    /// <summary>An AVIF image (HEIF with AV1: brands <c>avif</c>, <c>avis</c>): <c>image/avif</c>.</summary>
    Avif,
}
