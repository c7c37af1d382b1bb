using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Api.Internal;

/// <summary>What the pipeline does with answer bodies that stall or never end.</summary>
public sealed class ResponseBodyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static PinterestClient CreateClient(HttpMessageHandler handler, TimeProvider time, TimeSpan httpTimeout) =>
        new(
            new HttpClient(handler) { Timeout = httpTimeout },
            new PinterestClientOptions { ApiBaseAddress = new Uri("http://127.0.0.1:9/"), TimeProvider = time },
            tokenManager: null,
            new FakeCredential());

    [Fact]
    public async Task A_create_whose_answer_stalls_after_the_headers_fails_once_the_request_timeout_has_passed()
    {
        // Headers arrive, then the connection goes silent (a dropped NAT mapping, a stuck proxy): no FIN, no RST.
        var time = new FakeTimeProvider(Now);
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.Created)
        {
            Content = new StreamContent(new StallingStream("{\"id\":\"12"u8.ToArray())),
        });
        var client = CreateClient(handler, time, httpTimeout: TimeSpan.FromSeconds(1));

        // The scheduler publishes with CancellationToken.None: only the library's own timeout can end this call.
        var create = client.Pins.CreateAsync(new CreatePinRequest { BoardId = "1", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } }, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));

        var ex = await Record.ExceptionAsync(() => create.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.NotNull(ex);
        Assert.IsNotType<TimeoutException>(ex); // the WaitAsync safety net: the call itself never ended

        // A 201 that never finished: the Pin may exist, so the create is reconciled; a poll or a GET may simply retry.
        var api = Assert.IsAssignableFrom<PinterestApiException>(ex);
        Assert.Equal(HttpStatusCode.Created, api.StatusCode);
        Assert.True(api.IsTransient);
        Assert.True(DuplicateSafePinCreator.IsAmbiguous(api));
        Assert.False(DuplicateSafePinCreator.IsSurelyNotProcessed(api));
    }

    [Fact]
    public async Task An_endless_json_answer_is_refused_instead_of_being_read_into_memory()
    {
        // A broken or hostile endpoint answers a Pin whose title is 64 MiB long; a real Pin answer is a few KiB.
        const int titleBytes = 64 * 1024 * 1024;
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new GeneratedJsonStream("{\"id\":\"1\",\"title\":\""u8.ToArray(), titleBytes, "\"}"u8.ToArray())),
        });
        var client = CreateClient(handler, new FakeTimeProvider(Now), httpTimeout: Timeout.InfiniteTimeSpan);

        await Assert.ThrowsAsync<PinterestApiException>(() => client.Pins.GetAsync("1"));
    }

    [Fact]
    public async Task An_error_whose_body_stalls_is_still_mapped_from_its_status()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StreamContent(new StallingStream("{\"code\":"u8.ToArray())),
        });
        var client = CreateClient(handler, new FakeTimeProvider(Now), httpTimeout: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => client.Pins.GetAsync("1").WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public async Task An_answer_declaring_a_length_past_the_cap_is_refused_without_reading_it()
    {
        var body = new StallingStream([]);
        var handler = new StubHandler(_ =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = AnswerReader.MaxAnswerBytes + 1;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var client = CreateClient(handler, new FakeTimeProvider(Now), httpTimeout: Timeout.InfiniteTimeSpan);

        // The stream would block forever if read: refusing from the header alone is what ends this call.
        var error = await Assert.ThrowsAsync<PinterestApiException>(() => client.Pins.GetAsync("1").WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Contains("16 MiB", error.Message, StringComparison.Ordinal);
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    /// <summary>prefix + <c>fillLength</c> × 'a' + suffix, generated on the fly (no memory in the test).</summary>
    private sealed class GeneratedJsonStream(byte[] prefix, long fillLength, byte[] suffix) : ReadOnlyTestStream
    {
        private long _position;

        public override int Read(Span<byte> buffer)
        {
            var total = prefix.Length + fillLength + suffix.Length;
            var written = 0;
            while (written < buffer.Length && _position < total)
            {
                byte b;
                if (_position < prefix.Length)
                {
                    b = prefix[_position];
                }
                else if (_position < prefix.Length + fillLength)
                {
                    var run = (int)Math.Min(buffer.Length - written, prefix.Length + fillLength - _position);
                    buffer.Slice(written, run).Fill((byte)'a');
                    written += run;
                    _position += run;
                    continue;
                }
                else
                {
                    b = suffix[_position - prefix.Length - fillLength];
                }

                buffer[written++] = b;
                _position++;
            }

            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));
    }
}
