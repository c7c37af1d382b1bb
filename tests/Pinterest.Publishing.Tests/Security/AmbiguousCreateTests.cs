using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// A create that may have reached Pinterest is never sent again, whatever went wrong while its answer was read:
/// hostile headers on a 5xx after the Pin was stored must end in reconciliation, not in a retry that duplicates it.
/// </summary>
public class AmbiguousCreateTests
{
    private const string CreateRoute = "POST /v5/pins";

    public static TheoryData<string, string> HostileRateLimitHeaders() => new()
    {
        { "x-ratelimit-reset", "99999999999999" },
        { "x-ratelimit-reset", "253402300800" },
        { "x-ratelimit-reset", "9223372036854775807" },
        { "x-ratelimit-limit", "99999999999999999999" },
        { "x-ratelimit-remaining", "-1" },
        { "Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT" },
        { "Retry-After", "2147483647" },
    };

    [Theory]
    [MemberData(nameof(HostileRateLimitHeaders))]
    public async Task A_5xx_with_a_hostile_header_after_the_pin_was_stored_is_published_once_by_the_dispatcher(string header, string value)
    {
        // The board lists the Pin at once, so the dispatcher's first run finds it without the clock moving.
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: PublishingHarness.StrictBoardListing);
        var fault = EmulatorFault.Status(HttpStatusCode.InternalServerError, afterProcessing: true) with
        {
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [header] = value },
        };
        h.Emulator.InjectFault(CreateRoute, fault);
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.ImageRequest("Hostile header"), h.Time.GetUtcNow());
        var options = new PinSchedulingOptions();
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Options.Create(options), h.Time, NullLoggerFactory.Instance);

        await dispatcher.RunOnceAsync(CancellationToken.None);
        h.Time.Advance(options.RetryMaxDelay + TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(1, h.CreateCalls());
        var published = Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(scheduled.Id));
        Assert.Equal(pin.Id, published.PinId);
    }

    public static TheoryData<Exception> UnforeseenFailures() => new()
    {
        new InvalidOperationException("a handler bug"),
        new ArgumentOutOfRangeException("utcDateTime", "a parser bug"),
        new FormatException("a header the runtime could not parse"),
        new OverflowException(),
    };

    [Theory]
    [MemberData(nameof(UnforeseenFailures))]
    public async Task Any_exception_once_the_create_was_sent_is_reconciled_not_retried_nor_thrown(Exception failure)
    {
        var time = new FakeTimeProvider(Now);
        var creates = 0;
        var handler = new Handler(request =>
        {
            if (request.Method == HttpMethod.Post)
            {
                // The request reached the handler, that is the wire: Pinterest may have stored the Pin.
                Interlocked.Increment(ref creates);
                throw failure;
            }

            return Json($$$"""{"items":[{"id":"813744226420795884","board_id":"1","title":"Title","description":"Desc","link":"https://example.com/a","created_at":"{{{Now:yyyy-MM-ddTHH:mm:ss}}}","media":{"media_type":"image"}}],"bookmark":null}""");
        });
        var creator = new DuplicateSafePinCreator(time, new PinterestRetryOptions(), NullLogger.Instance);

        var (pin, reconciled) = await creator.CreateAsync(Client(handler, time), Body(), CancellationToken.None);

        Assert.True(reconciled);
        Assert.Equal("813744226420795884", pin.Id);
        Assert.Equal(1, creates);
        Assert.True(DuplicateSafePinCreator.IsAmbiguous(failure));
        Assert.False(DuplicateSafePinCreator.IsSurelyNotProcessed(failure));
    }

    [Fact]
    public async Task An_argument_error_raised_before_anything_was_sent_surfaces_as_it_is()
    {
        var time = new FakeTimeProvider(Now);
        var handler = new Handler(_ => throw new InvalidOperationException("nothing may be sent"));
        var creator = new DuplicateSafePinCreator(time, new PinterestRetryOptions(), NullLogger.Instance);

        var body = Body();
        body.MediaSource = null!;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => creator.CreateAsync(Client(handler, time), body, CancellationToken.None));

        Assert.Equal("request", error.ParamName);
        Assert.Equal(0, handler.Calls);
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static CreatePinRequest Body() => SampleCreatePinRequest.Create();

    private static PinterestClient Client(HttpMessageHandler handler, TimeProvider time) =>
        new(
            new HttpClient(handler),
            new PinterestClientOptions { ApiBaseAddress = new Uri("http://127.0.0.1:9/"), TimeProvider = time, Retry = { MaxRetries = 0 } },
            tokenManager: null,
            new FakeCredential());

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(answer(request));
        }
    }
}
