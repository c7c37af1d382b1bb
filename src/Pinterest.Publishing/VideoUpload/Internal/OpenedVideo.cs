
namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>
/// A video ready to be streamed: a readable stream positioned at the first byte, its exact length and content type,
/// and the temporary file (if any) to delete once the upload ends.
/// </summary>
internal sealed class OpenedVideo : IAsyncDisposable
{
    private readonly bool _ownsStream;
    private readonly long _startPosition;

    public OpenedVideo(Stream stream, long length, string contentType, bool ownsStream, string? temporaryPath = null)
    {
        Stream = stream;
        Length = length;
        ContentType = contentType;
        FileName = VideoContentTypes.FileNameFor(contentType);
        _ownsStream = ownsStream;
        TemporaryPath = temporaryPath;
        _startPosition = stream.CanSeek ? stream.Position : -1;
    }

    public Stream Stream { get; }

    /// <summary>The number of bytes to send, from the stream's current position.</summary>
    public long Length { get; }

    public string ContentType { get; }

    public string FileName { get; }

    /// <summary>The spooled copy of a URL or non-seekable stream; deleted on dispose.</summary>
    public string? TemporaryPath { get; }

    /// <summary>Whether the bytes can be sent a second time (a redirect or a handler that resends).</summary>
    public bool CanRewind => _startPosition >= 0;

    public void Rewind()
    {
        if (!CanRewind)
        {
            throw new InvalidOperationException("The video stream cannot be sent twice: it is not seekable.");
        }

        Stream.Position = _startPosition;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsStream)
        {
            await Stream.DisposeAsync().ConfigureAwait(false);
        }

        TemporaryFiles.TryDelete(TemporaryPath);
    }
}
