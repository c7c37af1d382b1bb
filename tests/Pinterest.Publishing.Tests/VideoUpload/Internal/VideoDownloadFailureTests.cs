using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

/// <summary>
/// Every way a <see cref="VideoSource.FromUrl"/> download can fail surfaces as the documented
/// <see cref="PinterestVideoUploadException"/> (no status, cause kept, retried by the scheduler), never as a raw
/// <see cref="IOException"/> or <see cref="HttpRequestException"/>; the message names the host only. The fake clock
/// never moves here, so the idle and rate bounds stay out of these failures.
/// </summary>
public sealed class VideoDownloadFailureTests : FakeClockDownloadTests
{
    private async Task<PinterestVideoUploadException> AssertDocumentedFailureAsync(Task<OpenedVideo> open, string host)
    {
        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => open.WaitAsync(SafetyTimeout));
        Assert.Null(ex.StatusCode);
        Assert.NotNull(ex.InnerException);
        Assert.Contains(host, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Spool.Files);
        Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(ex, 1, Time.GetUtcNow(), new PinSchedulingOptions()));
        return ex;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connection_reset_or_closed_mid_body_is_a_transient_upload_failure(bool reset)
    {
        await using var server = new LoopbackHttpServer(async (_, stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 1000000\r\n\r\n"u8.ToArray(), ct);
            await stream.WriteAsync(new byte[100_000], ct);
            await stream.FlushAsync(ct);
            var socket = ((NetworkStream)stream).Socket;
            if (reset)
            {
                // Linger 0 turns the close into a TCP RST.
                socket.LingerState = new LingerOption(true, 0);
            }

            socket.Close();
        });
        using var client = new HttpClient();
        var opener = new VideoSourceOpener(client, new VideoUploadOptions(), Time, NullLogger.Instance, Spool.Path);

        var ex = await AssertDocumentedFailureAsync(opener.OpenAsync(VideoSource.FromUrl(new Uri(server.BaseUri, "clip.mp4?sig=abc"))), "127.0.0.1");

        Assert.True(ex.InnerException is IOException or HttpRequestException, ex.InnerException!.GetType().FullName);
    }

    // Each: the cause, whether it strikes while the body is read (else before the answer), and the words describing it.
    public static TheoryData<Exception, bool, string> Causes() => new()
    {
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (videos.example.com:443/clip.mp4?sig=abc)"), false, "connection could not be made" },
        { new HttpRequestException("refused", PrivateNetworkRefusedException.ForHost("videos.example.com")), false, "private" },
        { new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()), false, "timed out" },
        { new IOException("Unable to read data from the transport connection: Connection reset by peer."), true, "connection failed" },
    };

    [Theory]
    [MemberData(nameof(Causes))]
    public async Task A_transport_failure_is_a_transient_upload_failure_keeping_the_cause_and_naming_only_the_host(
        Exception cause, bool whileReadingTheBody, string described)
    {
        var opener = CreateOpener(whileReadingTheBody ? new BodyHandler(new FailingStream(cause)) : new ThrowingHandler(cause));

        var ex = await AssertDocumentedFailureAsync(
            opener.OpenAsync(VideoSource.FromUrl(new Uri("https://user:pa55@videos.example.com/clip.mp4?sig=abc"))), "videos.example.com");

        Assert.Same(cause, ex.InnerException);
        Assert.Contains(described, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("clip.mp4", ex.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingHandler(Exception failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(failure);
    }

    private sealed class FailingStream(Exception failure) : ReadOnlyTestStream
    {
        private bool _sentPrefix;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sentPrefix)
            {
                _sentPrefix = true;
                buffer.Span[..100].Fill(7);
                return ValueTask.FromResult(100);
            }

            return ValueTask.FromException<int>(failure);
        }
    }
}
