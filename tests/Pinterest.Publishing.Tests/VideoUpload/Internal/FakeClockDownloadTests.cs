using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

/// <summary>
/// What the <see cref="VideoSource.FromUrl"/> download tests share: a spool directory of their own (so "no temporary
/// file left" is exact), a fake clock that only the test moves, and an opener over a test handler.
/// </summary>
public abstract class FakeClockDownloadTests : IDisposable
{
    // Bounds real waits for the code under test to reach a point; never a timing assertion.
    protected static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(15);

    protected TempDirectory Spool { get; } = new();

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Spool.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected VideoSourceOpener CreateOpener(HttpMessageHandler handler, VideoUploadOptions? options = null) =>
        new(new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }, options ?? new VideoUploadOptions(), Time, NullLogger.Instance, Spool.Path);
}
