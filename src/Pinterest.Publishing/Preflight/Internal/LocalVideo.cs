
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>What was read from a video file or stream before the URL probes finished.</summary>
/// <param name="Header">The header, or <see langword="null"/> when the source was not read (non-seekable stream, error).</param>
/// <param name="Length">The video's size in bytes, when known.</param>
/// <param name="DeclaredContentType">The content type given with a stream source.</param>
/// <param name="Failure">Why the source could not be read, or <see langword="null"/>.</param>
internal sealed record LocalVideo(MediaHeader? Header, long? Length, string? DeclaredContentType, string? Failure)
{
    /// <summary>
    /// Reads a file or stream source's header and size; a read failure becomes <see cref="Failure"/>, reported as an
    /// issue later. <see langword="null"/> for a source that is not local (a URL, an uploaded video).
    /// </summary>
    public static LocalVideo? Read(VideoSource source)
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
