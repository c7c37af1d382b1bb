
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>What was read from a video file or stream before the URL probes finished.</summary>
/// <param name="Header">The header, or <see langword="null"/> when the source was not read (non-seekable stream, error).</param>
/// <param name="Length">The video's size in bytes, when known.</param>
/// <param name="DeclaredContentType">The content type given with a stream source.</param>
/// <param name="Failure">Why the source could not be read, or <see langword="null"/>.</param>
internal sealed record LocalVideo(MediaHeader? Header, long? Length, string? DeclaredContentType, string? Failure);
