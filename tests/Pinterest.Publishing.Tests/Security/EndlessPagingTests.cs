using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// A list server whose every page carries a fresh cursor (a hostile API, a broken proxy) cannot hold an enumeration or a
/// reconciliation forever, nor make it pile cursors up in memory.
/// </summary>
public sealed class EndlessPagingTests : IDisposable
{
    // Only a guard against a regression hanging the test run; the enumerations end on their own long before.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly ApiTestContext _ctx = new();
    private int _pages;

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Endless_empty_pages_with_fresh_bookmarks_end_the_enumeration_with_a_clear_error()
    {
        GivenEndlessPages("/v5/boards", """{"items":[],"bookmark":"b-{0}"}""");
        using var guard = new CancellationTokenSource(HangGuard);

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => CountAsync(_ctx.Client().Boards.GetBoardsAsync(cancellationToken: guard.Token)));

        Assert.Contains("list boards", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{PageCursorGuard.MaxEmptyPagesInARow} empty pages in a row", error.Message, StringComparison.Ordinal);
        Assert.Equal(PageCursorGuard.MaxEmptyPagesInARow, _ctx.Requests.Count);
        Assert.False(guard.IsCancellationRequested);
    }

    [Fact]
    public async Task A_huge_bookmark_ends_the_enumeration_and_is_never_sent_back()
    {
        // 1 MB cursors, fresh on every page: without a cap each one was sent back and remembered (600 MB after 300 pages).
        var huge = new string('b', 1024 * 1024);
        GivenEndlessPages("/v5/boards/1/sections", "{\"items\":[{\"id\":\"{0}\",\"name\":\"s\"}],\"bookmark\":\"{0}" + huge + "\"}");
        using var guard = new CancellationTokenSource(HangGuard);
        var sections = 0;

        var error = await Assert.ThrowsAsync<PinterestApiException>(async () =>
        {
            await foreach (var section in _ctx.Client().Boards.GetSectionsAsync("1", cancellationToken: guard.Token))
            {
                sections++;
            }
        });

        Assert.Equal(1, sections); // the page itself was fine: its items were handed out before the cursor was refused
        Assert.Contains("list board sections", error.Message, StringComparison.Ordinal);
        Assert.Contains($"longer than the {PageCursorGuard.MaxBookmarkLength}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(huge[..100], error.Message, StringComparison.Ordinal);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task A_bookmark_of_the_largest_length_is_still_followed()
    {
        var longest = new string('c', PageCursorGuard.MaxBookmarkLength);
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingGet().WithParam("bookmark", longest)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"2","name":"b"}]}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"items\":[{\"id\":\"1\",\"name\":\"a\"}],\"bookmark\":\"" + longest + "\"}"));

        Assert.Equal(2, await CountAsync(_ctx.Client().Boards.GetBoardsAsync()));
    }

    [Fact]
    public async Task Endless_non_empty_pages_stop_at_the_page_cap()
    {
        // One Pin a page and a fresh cursor each time: not empty, not repeated, not long, and still never ending.
        GivenEndlessPages("/v5/boards/1/pins", """{"items":[{"id":"{0}"}],"bookmark":"p-{0}"}""");
        using var guard = new CancellationTokenSource(HangGuard);

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => CountAsync(_ctx.Client().Boards.GetPinsAsync("1", 25, maxPages: 30, guard.Token)));

        Assert.Contains("after 30 pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(30, _ctx.Requests.Count);
    }

    [Fact]
    public async Task Reconciliation_over_endless_empty_pages_ends_in_an_unknown_outcome()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(502));
        GivenEndlessPages("/v5/boards/1/pins", """{"items":[],"bookmark":"r-{0}"}""");
        var creator = new DuplicateSafePinCreator(_ctx.Time, new PinterestRetryOptions(), NullLogger.Instance);

        var error = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(
            () => creator.CreateAsync(_ctx.Client(), PinBody(), CancellationToken.None).WaitAsync(HangGuard));

        Assert.Contains("could not be searched", error.Message, StringComparison.Ordinal);
        Assert.Equal(BoardSearch.MaxPagesScanned, _ctx.Requests.Count(r => r.RequestMessage.Method == "GET"));
        Assert.Single(_ctx.Requests, r => r.RequestMessage.Method == "POST");
    }

    [Fact]
    public async Task Reconciliation_that_gets_no_answer_ends_in_an_unknown_outcome_at_its_deadline()
    {
        // The board listing never answers and the HTTP timeout is off: only the reconciliation's own deadline ends it.
        var time = new ObservableTimeProvider(ApiTestContext.Now);
        var listing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = new SilentListingHandler(listing);
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new PinterestClient(
            http,
            new PinterestClientOptions { ApiBaseAddress = new Uri("http://127.0.0.1:9/"), TimeProvider = time, Retry = { MaxRetries = 0 } },
            tokenManager: null,
            new FakeCredential());
        var creator = new DuplicateSafePinCreator(time, new PinterestRetryOptions(), NullLogger.Instance);

        var create = creator.CreateAsync(client, PinBody(), CancellationToken.None);
        await listing.Task.WaitAsync(HangGuard);
        Assert.False(create.IsCompleted);
        time.Advance(BoardSearch.ReconcileTimeout);

        var error = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => create.WaitAsync(HangGuard));
        Assert.Contains("no answer within 5 minutes", error.Message, StringComparison.Ordinal);
    }

    private static CreatePinRequest PinBody() => new()
    {
        BoardId = "1",
        Title = "Endless",
        MediaSource = new ImageUrlMediaSource { Url = "https://cdn.example.com/a.jpg" },
    };

    /// <summary>Serves <paramref name="path"/> forever; "{0}" in the page template becomes the page number.</summary>
    private void GivenEndlessPages(string path, string template) =>
        _ctx.Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                var page = Interlocked.Increment(ref _pages);
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    BodyData = new WireMock.Util.BodyData
                    {
                        BodyAsString = template.Replace("{0}", page.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                        DetectedBodyType = WireMock.Types.BodyType.String,
                    },
                };
            }));

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> source)
    {
        var count = 0;
        await foreach (var item in source)
        {
            count++;
        }

        return count;
    }

    /// <summary>Answers the create with 503 and never answers the board listing (until cancelled).</summary>
    private sealed class SilentListingHandler(TaskCompletionSource listing) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            }

            listing.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
