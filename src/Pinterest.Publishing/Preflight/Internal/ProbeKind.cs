
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>What a probe needs from a URL.</summary>
internal enum ProbeKind
{
    /// <summary>Only the status: a destination link. No body is read.</summary>
    Link = 0,

    /// <summary>Status, headers and enough bytes for an image's format and dimensions.</summary>
    Image = 1,

    /// <summary>Status, headers and the first 64 KiB of a video, and its <c>moov</c> by ranged reads when it lies further on.</summary>
    Video = 2,
}
