using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Media;
using Pinterest.Publishing.Tests.Media.TestSupport;

namespace Pinterest.Publishing.Tests.Media;

/// <summary>
/// <see cref="VideoSource.FromUrl"/> is spooled through the probe client, which DI builds with an infinite
/// <see cref="HttpClient.Timeout"/>; the scheduler publishes with <see cref="CancellationToken.None"/>.
/// </summary>
public sealed class VideoDownloadStallTests : IDisposable
{
    private readonly TempDirectory _spool = new();

    public void Dispose() => _spool.Dispose();

    [Fact]
    public async Task A_video_download_that_stalls_mid_body_fails_instead_of_hanging_forever()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var handler = new StallingHandler();
        var downloadClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // as AddPinterestPublishing builds it
        var opener = new VideoSourceOpener(downloadClient, new VideoUploadOptions(), time, NullLogger.Instance, _spool.Path);

        var open = opener.OpenAsync(VideoSource.FromUrl(new Uri("https://videos.example.com/clip.mp4")), CancellationToken.None);
        await handler.BodyStalled.Task.WaitAsync(TimeSpan.FromSeconds(15));
        time.Advance(TimeSpan.FromDays(1));

        var ex = await Record.ExceptionAsync(() => open.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.NotNull(ex);
        Assert.IsNotType<TimeoutException>(ex); // the WaitAsync safety net: the download itself never ended
        Assert.Empty(_spool.Files);
    }

    private sealed class StallingHandler : HttpMessageHandler
    {
        public TaskCompletionSource BodyStalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new StallAfterPrefixStream(new byte[4096], BodyStalled));
            content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            content.Headers.ContentLength = 50_000_000;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    private sealed class StallAfterPrefixStream(byte[] prefix, TaskCompletionSource stalled) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("sync read");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
