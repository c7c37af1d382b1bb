
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

    /// <summary>HEIF/HEIC/AVIF images (ISO base media file with an image brand).</summary>
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
}
