using System.Net;
using System.Net.Sockets;
using System.Text;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed class EmulatorFaultTests
{
    private const string ImageSource = """{"source_type":"image_url","url":"https://img.example/a.jpg"}""";

    private static Task<HttpResponseMessage> CreatePin(EmulatorHarness h, string boardId) =>
        h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{boardId}}}","media_source":{{{ImageSource}}}}""");

    /// <summary>Advances the fake clock in steps until <paramref name="task"/> completes (the real-time wait is only a hang guard).</summary>
    private static async Task<T> AdvanceUntilDoneAsync<T>(EmulatorHarness h, Task<T> task, TimeSpan step, int maxSteps)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            h.Time.Advance(step);
            await Task.Yield();
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task StatusFaultBeforeProcessingStoresNothingAndIsUsedOnce()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var registration = h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, 503, "Service unavailable.", retryAfter: TimeSpan.FromSeconds(7)));

        var failed = await CreatePin(h, board.Id);
        await AssertErrorAsync(failed, HttpStatusCode.ServiceUnavailable, 503);
        Assert.Equal("7", failed.Headers.GetValues("Retry-After").Single());
        Assert.Empty(h.Emulator.Pins);
        Assert.Equal(1, registration.AppliedCount);

        Assert.Equal(HttpStatusCode.Created, (await CreatePin(h, board.Id)).StatusCode);
        Assert.Single(h.Emulator.Pins);
    }

    [Fact]
    public async Task StatusFaultAfterProcessingStoresThePin()
    {
        // The board's listing shows the Pin at once only without Pinterest's listing delay.
        using var h = new EmulatorHarness(o => o.BoardPinListingDelay = TimeSpan.Zero);
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.GatewayTimeout, afterProcessing: true));

        var response = await CreatePin(h, board.Id);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Single(h.Emulator.Pins);
        var listed = await ReadJsonAsync(await h.Client.GetAsync($"v5/boards/{board.Id}/pins"));
        Assert.Equal(h.Emulator.Pins[0].Id, listed.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task FaultAppliesToTheNextNMatchingRequestsOnly()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.InternalServerError, 1), count: 2);

        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/boards")).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await CreatePin(h, board.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await CreatePin(h, board.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreatePin(h, board.Id)).StatusCode);
    }

    [Fact]
    public async Task PatternsMatchPathParametersAndDisposeRemovesTheFault()
    {
        using var h = new EmulatorHarness();
        var (mediaId, _, _) = await h.RegisterVideoAsync();
        var registration = h.Emulator.InjectFault("GET /v5/media/{media_id}", EmulatorFault.Status(HttpStatusCode.BadGateway), count: 100);

        Assert.Equal(HttpStatusCode.BadGateway, (await h.Client.GetAsync($"v5/media/{mediaId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
        registration.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync($"v5/media/{mediaId}")).StatusCode);
        Assert.Equal(1, registration.AppliedCount);
    }

    [Fact]
    public async Task ConnectionResetBeforeProcessingThrowsAndStoresNothing()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.ConnectionReset());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => CreatePin(h, board.Id));

        Assert.IsType<IOException>(error.InnerException);
        Assert.Empty(h.Emulator.Pins);
        Assert.Null(h.Emulator.Requests[^1].StatusCode);
    }

    [Fact]
    public async Task ConnectionResetAfterProcessingThrowsButStoresThePin()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.ConnectionReset(afterProcessing: true));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => CreatePin(h, board.Id));

        Assert.IsType<IOException>(error.InnerException);
        Assert.Single(h.Emulator.Pins);
    }

    [Fact]
    public async Task ConnectionRefusedIsAConnectErrorAndStoresNothing()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.ConnectionRefused());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => CreatePin(h, board.Id));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.IsType<SocketException>(error.InnerException);
        Assert.Empty(h.Emulator.Pins);
        Assert.Empty(h.Emulator.Requests);
    }

    [Fact]
    public async Task SpamBlockIs429Code8MentioningSpamInMessageDetailUnderTheGenericRateLimitMessage()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.SpamBlock());

        var body = await AssertErrorAsync(await CreatePin(h, board.Id), HttpStatusCode.TooManyRequests, 8);

        Assert.Equal("Sorry! You've hit a block (Pins) we have in place to combat spam.", body.GetProperty("message_detail").GetString());
        Assert.DoesNotContain("spam", body.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task EchoFaultAfterProcessingStoresThePinAndRepeatsTheBearerTokenTheDraftAndTheQuery()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.EchoRequest(HttpStatusCode.InternalServerError, afterProcessing: true));

        var response = await h.Client.PostAsync("v5/pins?marker=q1", Json($$$"""{"board_id":"{{{board.Id}}}","media_source":{{{ImageSource}}}}"""));

        var body = await AssertErrorAsync(response, HttpStatusCode.InternalServerError, 500);
        Assert.Single(h.Emulator.Pins);
        var message = body.GetProperty("message").GetString();
        Assert.Contains($"Authorization: Bearer {h.Token.AccessToken}", message, StringComparison.Ordinal);
        Assert.Contains($"\"board_id\":\"{board.Id}\"", message, StringComparison.Ordinal);
        Assert.Contains("marker=q1", body.GetProperty("message_detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(h.Token.AccessToken, response.Headers.GetValues("x-pinterest-rid").Single());
    }

    [Fact]
    public async Task EchoFaultOnTheTokenEndpointRepeatsTheBasicCredentialsAndTheRefreshTokenAsPlainTextWithoutConsumingIt()
    {
        using var h = new EmulatorHarness();
        h.Emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.EchoRequest(HttpStatusCode.ServiceUnavailable, plainText: true));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{h.Emulator.Options.ClientId}:{h.Emulator.Options.ClientSecret}"));
        HttpRequestMessage Refresh() => new(HttpMethod.Post, "v5/oauth/token")
        {
            Headers = { Authorization = new("Basic", basic) },
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", h.Token.RefreshToken!)]),
        };

        var response = await h.Anonymous.SendAsync(Refresh());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains($"Authorization: Basic {basic}", text, StringComparison.Ordinal);
        Assert.Contains($"{h.Emulator.Options.ClientId}:{h.Emulator.Options.ClientSecret}", text, StringComparison.Ordinal);
        Assert.Contains($"refresh_token={h.Token.RefreshToken}", text, StringComparison.Ordinal);
        Assert.Equal($"Basic {basic}", response.Headers.GetValues("x-pinterest-rid").Single());
        Assert.Equal(HttpStatusCode.OK, (await h.Anonymous.SendAsync(Refresh())).StatusCode);
    }

    [Fact]
    public async Task DelayFaultWaitsOnTheTimeProvider()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.DelayBy(TimeSpan.FromSeconds(10)));

        var pending = CreatePin(h, board.Id);
        await h.Time.WhenTimerStartedAsync(TimeSpan.FromSeconds(10));
        h.Time.Advance(TimeSpan.FromSeconds(9));
        await Task.Yield();

        Assert.False(pending.IsCompleted);
        Assert.Empty(h.Emulator.Pins);
        var response = await AdvanceUntilDoneAsync(h, pending, TimeSpan.FromSeconds(1), 10);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(h.Emulator.Pins);
    }

    [Fact]
    public async Task LatencyIsAwaitedOnTheTimeProvider()
    {
        using var h = new EmulatorHarness(o => o.Latency = TimeSpan.FromMilliseconds(250));

        var pending = h.Client.GetAsync("v5/user_account");
        await h.Time.WhenTimerStartedAsync(TimeSpan.FromMilliseconds(250));
        await Task.Yield();
        Assert.False(pending.IsCompleted);

        var response = await AdvanceUntilDoneAsync(h, pending, TimeSpan.FromMilliseconds(250), 20);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CancellationDuringADelayCancelsTheRequest()
    {
        using var h = new EmulatorHarness();
        h.Emulator.InjectFault("GET /v5/user_account", EmulatorFault.DelayBy(TimeSpan.FromMinutes(5)));
        using var cts = new CancellationTokenSource();

        var pending = h.Client.GetAsync("v5/user_account", cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task ProbabilisticFaultsAreReproducibleWithASeed()
    {
        async Task<List<HttpStatusCode>> RunAsync()
        {
            using var h = new EmulatorHarness();
            h.Emulator.InjectFault("GET /v5/**", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable), probability: 0.3, seed: 1234);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 200; i++)
            {
                statuses.Add((await h.Client.GetAsync("v5/user_account")).StatusCode);
            }

            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        var failures = first.Count(s => s == HttpStatusCode.ServiceUnavailable);
        Assert.InRange(failures, 30, 100);
        Assert.Contains(HttpStatusCode.OK, first);
    }

    [Theory]
    [InlineData("GET /v5/**", "GET", "v5/boards/1/pins", true)]
    [InlineData("GET /v5/**", "POST", "v5/boards", false)]
    [InlineData("**", "DELETE", "v5/pins/1", true)]
    [InlineData("* /v5/pins/*", "DELETE", "v5/pins/1", true)]
    [InlineData("/v5/pins/{pin_id}", "GET", "v5/pins/1", true)]
    [InlineData("GET /v5/pins/{pin_id}", "GET", "v5/pins/1/analytics", false)]
    [InlineData("GET /v5/boards", "GET", "v5/boards?page_size=5", true)]
    [InlineData("get /V5/Boards", "GET", "v5/boards", true)]
    public async Task RoutePatterns(string pattern, string method, string path, bool matches)
    {
        using var h = new EmulatorHarness();
        h.Emulator.InjectFault(pattern, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        var response = await h.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(matches, response.StatusCode == HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task ClearFaultsRemovesEveryFault()
    {
        using var h = new EmulatorHarness();
        h.Emulator.InjectFault("* **", EmulatorFault.Status(HttpStatusCode.InternalServerError), count: 10);
        h.Emulator.ClearFaults();
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
    }

    [Fact]
    public async Task RateLimitAnswers429Code8UntilTheWindowPasses()
    {
        using var h = new EmulatorHarness();
        h.Emulator.SetRateLimit(3, TimeSpan.FromMinutes(1), sendRetryAfter: true);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
            h.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var limited = await h.Client.GetAsync("v5/user_account");
        var body = await AssertErrorAsync(limited, HttpStatusCode.TooManyRequests, 8);
        Assert.DoesNotContain("spam", body.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("30", limited.Headers.GetValues("Retry-After").Single());

        h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
    }

    [Fact]
    public async Task RateLimitIsPerAccountAndCanBeCleared()
    {
        using var h = new EmulatorHarness();
        h.Emulator.SetRateLimit(1, TimeSpan.FromHours(1));
        var other = h.Emulator.IssueTokens(h.Emulator.AddAccount());

        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
        var limited = await h.Client.GetAsync("v5/user_account");
        await AssertErrorAsync(limited, HttpStatusCode.TooManyRequests, 8);
        Assert.False(limited.Headers.Contains("Retry-After"));

        var request = new HttpRequestMessage(HttpMethod.Get, "v5/user_account");
        request.Headers.Authorization = new("Bearer", other.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await h.Anonymous.SendAsync(request)).StatusCode);

        h.Emulator.ClearRateLimit();
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
    }
}
