namespace Pinterest.Publishing;

/// <summary>How videos are uploaded and how their processing is awaited.</summary>
public sealed class VideoUploadOptions
{
    /// <summary>The first wait between processing polls. Default 1 second.</summary>
    public TimeSpan InitialPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between processing polls. Default 10 seconds.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long processing may take before it counts as timed out. Default 10 minutes.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The largest video downloaded by <see cref="VideoSource.FromUrl(Uri)"/> or spooled from a non-seekable
    /// <see cref="VideoSource.FromStream(Stream, string)"/>, in bytes. Default 2,000,000,000.
    /// </summary>
    public long MaxDownloadBytes { get; set; } = 2_000_000_000;

    /// <summary>
    /// How long the host of a <see cref="VideoSource.FromUrl(Uri)"/> video may send nothing (no response headers, then
    /// no body bytes) before the download fails with <see cref="Media.PinterestVideoUploadException"/>. The clock
    /// restarts with every chunk received, so a slow but steady download of any size completes; only a stalled one
    /// fails. Must be positive and at most 1 day. Default 30 seconds.
    /// </summary>
    public TimeSpan DownloadIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The slowest upload rate assumed when the upload timeout is scaled to the file size, in bytes per second. Default 256 KiB/s.</summary>
    public long MinUploadBytesPerSecond { get; set; } = 256 * 1024;

    /// <summary>The upload timeout floor added to the size-scaled part. Default 2 minutes.</summary>
    public TimeSpan MinUploadTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
