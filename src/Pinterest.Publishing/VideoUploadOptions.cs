using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing;

/// <summary>How videos are uploaded and how their processing is awaited.</summary>
public sealed class VideoUploadOptions
{
    /// <summary>The first wait between processing polls. Positive, at most one day; default 1 second.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan InitialPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between processing polls. Positive, at most one day and not shorter than
    /// <see cref="InitialPollInterval"/>; default 10 seconds.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long processing may take before it counts as timed out. Positive, at most one day; default 10 minutes.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The largest video downloaded by <see cref="VideoSource.FromUrl(Uri)"/> or spooled from a non-seekable
    /// <see cref="VideoSource.FromStream(Stream, string)"/>, in bytes. At least 1; default 2,000,000,000.
    /// </summary>
    [AtLeast(1)]
    public long MaxDownloadBytes { get; set; } = 2_000_000_000;

    /// <summary>
    /// How long the host of a <see cref="VideoSource.FromUrl(Uri)"/> video may send nothing (no response headers, then
    /// no body bytes) before the download fails with <see cref="PinterestVideoUploadException"/>. The clock
    /// restarts with every chunk received, so a slow but steady download of any size completes; only a stalled one
    /// fails. Must be positive and at most 1 day. Default 30 seconds.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan DownloadIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The slowest average rate, in bytes per second, at which a <see cref="VideoSource.FromUrl(Uri)"/> video may
    /// arrive once <see cref="MinDownloadTimeout"/> has been used up: a download fails with
    /// <see cref="PinterestVideoUploadException"/> when the time spent waiting on its host exceeds
    /// <see cref="MinDownloadTimeout"/> plus the bytes received divided by this rate. A host that trickles bytes just
    /// often enough to beat <see cref="DownloadIdleTimeout"/> is cut off; a download at this rate or faster, of any
    /// size, never is. Must be at least 1. Default 64 KiB/s.
    /// </summary>
    [AtLeast(1)]
    public long MinDownloadBytesPerSecond { get; set; } = 64 * 1024;

    /// <summary>
    /// The time a <see cref="VideoSource.FromUrl(Uri)"/> download gets on top of its size-scaled allowance
    /// (<see cref="MinDownloadBytesPerSecond"/>), covering the connection, the response headers and a slow start.
    /// Must be positive and at most 1 day. Default 1 minute.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan MinDownloadTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The directory that holds videos downloaded by <see cref="VideoSource.FromUrl(Uri)"/> or spooled from a
    /// non-seekable <see cref="VideoSource.FromStream(Stream, string)"/> while they are uploaded. Files are created
    /// readable by the process's user only (mode 0600 on Unix) and deleted after the upload; files a killed process
    /// left behind are removed when the directory is first used after a restart, once they are a day old. When
    /// <see langword="null"/> (the default), a directory private to the user (mode 0700 on Unix) under
    /// <see cref="Path.GetTempPath"/>: <c>pinterest-publishing-&lt;user&gt;</c>. A directory given here is created
    /// (mode 0700) when missing and otherwise used as it is, so give one only the service's user can read. Must be an
    /// absolute path.
    /// </summary>
    public string? TemporaryDirectory { get; set; }

    /// <summary>
    /// The slowest upload rate assumed when the upload timeout is scaled to the file size, in bytes per second. At
    /// least 1, and high enough that the largest video's timeout (<see cref="MinUploadTimeout"/> plus its size at this
    /// rate) fits a timer (49 days). Default 256 KiB/s.
    /// </summary>
    [AtLeast(1)]
    public long MinUploadBytesPerSecond { get; set; } = 256 * 1024;

    /// <summary>The upload timeout floor added to the size-scaled part. Positive, at most one day; default 2 minutes.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan MinUploadTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
