
namespace Pinterest.Publishing;

/// <summary>
/// Where the bytes of a video Pin come from: a file, a stream or a URL, streamed to Pinterest's upload host and never
/// held in memory whole; or a video already uploaded to Pinterest, referred to by its media id.
/// </summary>
public abstract class VideoSource
{
    private protected VideoSource()
    {
    }

    /// <summary>A video file on disk (MP4, MOV or M4V).</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, white space or contains a NUL character.</exception>
    public static VideoSource FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        // No file system accepts a NUL; said here, it cannot surface later as an error of the publish (or a retry).
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The video file path contains an invalid character (NUL, U+0000). Pass the file's actual path.", nameof(path));
        }

        return new FileVideoSource(path);
    }

    /// <summary>A video read from <paramref name="stream"/>. A non-seekable stream is spooled to a temporary file first so its length is known.</summary>
    /// <param name="stream">The video bytes; the caller keeps ownership.</param>
    /// <param name="contentType">The video's content type, such as <c>video/mp4</c>.</param>
    public static VideoSource FromStream(Stream stream, string contentType)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The video stream must be readable.", nameof(stream));
        }

        return new StreamVideoSource(stream, contentType);
    }

    /// <summary>A video downloaded from <paramref name="url"/> (through the SSRF-safe probe client, to a temporary file).</summary>
    /// <param name="url">An absolute http(s) URL.</param>
    public static VideoSource FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The video URL must be an absolute http or https URL.", nameof(url));
        }

        return new UrlVideoSource(url);
    }

    /// <summary>
    /// A video already uploaded to Pinterest (<c>POST /v5/media</c>), referred to by its media id: publishing waits for
    /// its processing and creates the Pin without uploading again. Use it to publish again after a
    /// <see cref="PinterestMediaProcessingException"/> with code <c>pinterest.video.transcode_timeout</c>, whose
    /// <see cref="PinterestMediaProcessingException.MediaId"/> names the upload that is still processing.
    /// </summary>
    /// <param name="mediaId">The media id Pinterest returned when the upload was registered (digits only).</param>
    /// <remarks>Preflight cannot read an uploaded video, so it checks only the cover and the Pin's text.</remarks>
    public static VideoSource FromUploadedMedia(string mediaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        if (!mediaId.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return new UploadedVideoSource(mediaId);
        }

        throw new ArgumentException($"A Pinterest media id is digits only; '{mediaId}' is not one. Pass the MediaId of the upload.", nameof(mediaId));
    }
}

/// <summary>A video file on disk; made by <see cref="VideoSource.FromFile(string)"/>.</summary>
public sealed class FileVideoSource : VideoSource
{
    internal FileVideoSource(string path) => Path = path;

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string ToString() => $"file {System.IO.Path.GetFileName(Path)}";
}

/// <summary>A video read from a stream the caller owns; made by <see cref="VideoSource.FromStream(Stream, string)"/>.</summary>
public sealed class StreamVideoSource : VideoSource
{
    internal StreamVideoSource(Stream stream, string contentType)
    {
        Stream = stream;
        ContentType = contentType;
    }

    /// <summary>The video bytes, read from the stream's position; a non-seekable stream is spooled to a temporary file.</summary>
    public Stream Stream { get; }

    /// <summary>The declared content type, such as <c>video/mp4</c>.</summary>
    public string ContentType { get; }

    /// <inheritdoc />
    public override string ToString() => $"stream ({ContentType})";
}

/// <summary>A video downloaded from a URL before it is uploaded; made by <see cref="VideoSource.FromUrl(Uri)"/>.</summary>
public sealed class UrlVideoSource : VideoSource
{
    internal UrlVideoSource(Uri url) => Url = url;

    /// <summary>The absolute http(s) URL of the video.</summary>
    public Uri Url { get; }

    /// <inheritdoc />
    /// <remarks>Neither the password of userinfo nor a signed query string is printed.</remarks>
    public override string ToString() => Diagnostics.Internal.SecretScrubber.RedactUrl(Url);
}

/// <summary>A video already uploaded to Pinterest; made by <see cref="VideoSource.FromUploadedMedia(string)"/>.</summary>
public sealed class UploadedVideoSource : VideoSource
{
    internal UploadedVideoSource(string mediaId) => MediaId = mediaId;

    /// <summary>The media id Pinterest gave the upload (digits only).</summary>
    public string MediaId { get; }

    /// <inheritdoc />
    public override string ToString() => $"uploaded media {MediaId}";
}
