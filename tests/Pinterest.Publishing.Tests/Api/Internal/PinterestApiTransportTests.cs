using System.Globalization;
using System.Net;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api.Internal;

/// <summary>Authentication, retries and error mapping of the API transport, through real endpoints.</summary>
public sealed class PinterestApiTransportTests : IDisposable
{
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static CreatePinRequest PinRequest => new() { BoardId = "1", Title = "t", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } };

    [Fact]
    public async Task Invalid_parameter_maps_code_message_and_request_id()
    {
        GivenPins(Response.Create().WithStatusCode(400).WithHeader("x-pinterest-rid", "7a1b2c").WithBody("""{"code":1,"message":"  Invalid parameters: board_id.  "}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1, error.ErrorCode);
        Assert.Equal("7a1b2c", error.RequestId);
        Assert.False(error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Equal("Pinterest create Pin failed with HTTP 400 (BadRequest), code 1: Invalid parameters: board_id. Request id: 7a1b2c.", error.Message);
    }

    [Fact]
    public async Task Unauthorized_refreshes_once_and_replays_the_same_body_with_the_new_token()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost().WithHeader("Authorization", "Bearer old-token"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":2,"message":"Authentication failed."}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost().WithHeader("Authorization", "Bearer new-token"))
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"id":"99"}"""));
        _ctx.Credential.Token = "old-token";
        _ctx.Credential.WillRefreshTo("new-token");

        var pin = await _ctx.Client().Pins.CreateAsync(PinRequest);

        Assert.Equal("99", pin.Id);
        Assert.Equal(["old-token"], _ctx.Credential.RejectedTokens);
        var requests = _ctx.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(["Bearer old-token", "Bearer new-token"], requests.Select(r => ApiTestContext.Header(r, "Authorization")));
        Assert.Equal(requests[0].RequestMessage.Body, requests[1].RequestMessage.Body);
        Assert.Equal("1", ApiTestContext.BodyJson(requests[1]).GetProperty("board_id").GetString());
    }

    [Fact]
    public async Task A_second_unauthorized_after_refresh_requires_reauthorization_without_leaking_tokens()
    {
        GivenPins(Response.Create().WithStatusCode(401).WithHeader("x-pinterest-rid", "rid-401").WithBody("""{"code":2,"message":"Authentication failed."}"""));
        _ctx.Credential.Token = "pina_FIRST_SECRET";
        _ctx.Credential.WillRefreshTo("pina_SECOND_SECRET", "pina_THIRD_SECRET");

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal("account-1", error.AccountId);
        Assert.Contains("account-1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
        var inner = Assert.IsType<PinterestApiException>(error.InnerException);
        Assert.Equal(HttpStatusCode.Unauthorized, inner.StatusCode);
        Assert.Equal(2, inner.ErrorCode);
        Assert.Equal("rid-401", inner.RequestId);
        Assert.Equal(2, _ctx.Requests.Count);
        Assert.Single(_ctx.Credential.RejectedTokens);
        Assert.DoesNotContain(_ctx.Logs.GetSnapshot(), r => r.Message.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unauthorized_on_a_get_refreshes_and_replays_without_counting_as_a_retry()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet().WithHeader("Authorization", "Bearer old-token"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":2,"message":"Authentication failed."}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet().WithHeader("Authorization", "Bearer new-token"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"username":"u"}"""));
        _ctx.Credential.Token = "old-token";
        _ctx.Credential.WillRefreshTo("new-token");

        var account = await _ctx.Client().UserAccount.GetAsync();

        Assert.Equal("u", account.Username);
        Assert.Equal(2, _ctx.Requests.Count);
        Assert.False(_ctx.Time.HasPendingTimer);
    }

    [Fact]
    public async Task A_credential_that_cannot_refresh_requires_reauthorization_after_the_first_401()
    {
        GivenPins(Response.Create().WithStatusCode(401).WithBody("""{"code":2,"message":"Authentication failed."}"""));
        _ctx.Credential.Token = "same";
        _ctx.Credential.WillRefreshTo((string?)null);

        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task A_credential_that_vouches_for_the_rejected_token_gets_one_replay_with_it()
    {
        // Pinterest hands back the same access token to refreshes in quick succession; the token manager judges
        // whether that counts as renewed, and the transport replays once with what it hands back.
        GivenPins(Response.Create().WithStatusCode(401).WithBody("""{"code":2,"message":"Authentication failed."}"""));
        _ctx.Credential.Token = "same";
        _ctx.Credential.WillRefreshTo("same", "same");

        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(["Bearer same", "Bearer same"], _ctx.Requests.Select(r => ApiTestContext.Header(r, "Authorization")));
        Assert.Single(_ctx.Credential.RejectedTokens);
    }

    [Fact]
    public async Task A_fixed_access_token_is_sent_and_a_401_requires_reauthorization()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet().WithHeader("Authorization", "Bearer pina_fixed"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":2,"message":"Authentication failed."}"""));
        var client = new PinterestClient(_ctx.HttpClient, "pina_fixed", _ctx.Options());

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _ctx.WithoutRetryAsync(client.UserAccount.GetAsync()));

        Assert.Null(client.AccountId);
        Assert.Null(error.AccountId);
        Assert.DoesNotContain("pina_fixed", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("Bearer pina_fixed", ApiTestContext.Header(_ctx.SingleRequest(), "Authorization"));
    }

    [Fact]
    public void A_fixed_token_client_cannot_switch_account()
    {
        var client = new PinterestClient(_ctx.HttpClient, "pina_fixed", _ctx.Options());

        var error = Assert.Throws<InvalidOperationException>(() => client.ForAccount("other"));
        Assert.Contains("token store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_account_refuses_authenticated_calls()
    {
        var client = _ctx.ClientWithoutAccount();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _ctx.WithoutRetryAsync(client.Pins.GetAsync("1")));

        Assert.Contains("ForAccount", error.Message, StringComparison.Ordinal);
        Assert.Null(client.AccountId);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task Trial_access_maps_to_a_trial_exception_that_says_use_the_sandbox()
    {
        GivenPins(Response.Create().WithStatusCode(403).WithHeader("x-pinterest-rid", "r29").WithBody("""{"code":29,"message":"Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead."}"""));

        var error = await Assert.ThrowsAsync<PinterestTrialAccessException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(29, error.ErrorCode);
        Assert.Equal("r29", error.RequestId);
        Assert.False(error.IsTransient);
        Assert.Contains("PinterestEnvironment.Sandbox", error.Message, StringComparison.Ordinal);
        Assert.Contains("standard access", error.Message, StringComparison.Ordinal);
        Assert.Contains("Trial access may not create Pins", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_403_codes_are_plain_api_errors()
    {
        GivenPins(Response.Create().WithStatusCode(403).WithBody("""{"code":233,"message":"Image too small."}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.IsNotType<PinterestTrialAccessException>(error);
        Assert.Equal(233, error.ErrorCode);
    }

    [Fact]
    public async Task A_missing_scope_is_401_code_3_and_is_neither_refreshed_nor_replayed()
    {
        GivenPins(Response.Create().WithStatusCode(401).WithBody("""{"code":3,"message":"Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes."}"""));
        _ctx.Credential.WillRefreshTo("new-token");

        var error = await Assert.ThrowsAsync<PinterestInsufficientScopeException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(3, error.ErrorCode);
        Assert.Equal(["boards:read", "boards:write", "pins:read", "pins:write"], error.RequiredScopes);
        Assert.False(error.IsTransient);
        Assert.Empty(_ctx.Credential.RejectedTokens);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Retry_after_seconds_is_honoured_on_the_fake_clock()
    {
        GivenFlakyGet("/v5/user_account", Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2").WithBody("""{"code":8,"message":"Rate limited"}"""));
        var task = _ctx.Client().UserAccount.GetAsync();

        var delay = await _ctx.Time.NextTimerAsync();

        Assert.Equal(TimeSpan.FromSeconds(2), delay);
        Assert.Single(_ctx.Requests);
        _ctx.Time.Advance(TimeSpan.FromMilliseconds(1900));
        Assert.False(task.IsCompleted);
        Assert.Single(_ctx.Requests);
        _ctx.Time.Advance(TimeSpan.FromMilliseconds(100));
        var account = await task;
        Assert.Equal("u", account.Username);
        Assert.Equal(2, _ctx.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_http_date_is_relative_to_the_time_provider()
    {
        var date = ApiTestContext.Now.AddSeconds(5).ToString("R", CultureInfo.InvariantCulture);
        GivenFlakyGet("/v5/user_account", Response.Create().WithStatusCode(429).WithHeader("Retry-After", date).WithBody("""{"code":8,"message":"Rate limited"}"""));
        var task = _ctx.Client().UserAccount.GetAsync();

        var delay = await _ctx.Time.NextTimerAsync();

        Assert.Equal(TimeSpan.FromSeconds(5), delay);
        _ctx.Time.Advance(delay);
        await task;
        Assert.Equal(2, _ctx.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_beyond_the_cap_stops_retrying_and_surfaces_the_wait()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120").WithBody("""{"code":8,"message":"Rate limited"}"""));

        var error = await Assert.ThrowsAsync<PinterestRateLimitException>(() => _ctx.WithoutRetryAsync(_ctx.Client(o => o.Retry.MaxRetryAfter = TimeSpan.FromSeconds(60)).UserAccount.GetAsync()));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.False(error.IsSpamBlock);
        Assert.Single(_ctx.Requests);
        Assert.False(_ctx.Time.HasPendingTimer);
    }

    [Fact]
    public async Task A_spam_block_is_flagged_and_never_retried()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("""{"code":8,"message":"Your request was blocked as SPAM."}"""));

        var error = await Assert.ThrowsAsync<PinterestRateLimitException>(() => _ctx.WithoutRetryAsync(_ctx.Client().UserAccount.GetAsync()));

        Assert.True(error.IsSpamBlock);
        Assert.False(error.IsTransient);
        Assert.Contains("spam", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(_ctx.Requests);
        Assert.False(_ctx.Time.HasPendingTimer);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task Transient_statuses_of_a_get_are_retried_with_capped_exponential_backoff(int status)
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/5").UsingGet()).RespondWith(Response.Create().WithStatusCode(status));
        var client = _ctx.Client(o =>
        {
            o.Retry.MaxRetries = 4;
            o.Retry.BaseDelay = TimeSpan.FromSeconds(1);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(3);
        });
        var task = client.Pins.GetAsync("5");

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            var delay = await _ctx.Time.NextTimerAsync();
            Assert.Equal(i + 1, _ctx.Requests.Count);
            delays.Add(delay);
            _ctx.Time.Advance(delay);
        }

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => task);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(5, _ctx.Requests.Count);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
        Assert.InRange(delays[2], TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(3));
        Assert.InRange(delays[3], TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(3));
        Assert.Equal(4, _ctx.Logs.GetSnapshot().Count(r => r.Id.Name == "PinterestRequestRetrying"));
    }

    [Fact]
    public async Task A_delete_is_retried_on_5xx()
    {
        GivenFlakyDelete("/v5/pins/5");

        await _ctx.RunWithRetriesAsync(DeleteAsBoolAsync(_ctx.Client().Pins.DeleteAsync("5")));

        Assert.Equal(["DELETE", "DELETE"], _ctx.Requests.Select(r => r.RequestMessage.Method));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task A_create_pin_is_never_retried(int status)
    {
        GivenPins(Response.Create().WithStatusCode(status));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(_ctx.Requests);
        Assert.False(_ctx.Time.HasPendingTimer);
    }

    [Fact]
    public async Task Retries_can_be_turned_off()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/5").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

        await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client(o => o.Retry.MaxRetries = 0).Pins.GetAsync("5")));

        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Cancelling_during_a_retry_delay_stops_without_another_request()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/5").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        using var cts = new CancellationTokenSource();
        var task = _ctx.Client().Pins.GetAsync("5", cts.Token);

        await _ctx.Time.NextTimerAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Rate_limit_headers_are_parsed()
    {
        var reset = ApiTestContext.Now.AddMinutes(1).ToUnixTimeSeconds();
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429)
                .WithHeader("x-ratelimit-limit", "100, 100;w=60")
                .WithHeader("x-ratelimit-remaining", "0")
                .WithHeader("x-ratelimit-reset", reset.ToString(CultureInfo.InvariantCulture))
                .WithBody("""{"code":8,"message":"Rate limited"}"""));

        var error = await Assert.ThrowsAsync<PinterestRateLimitException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(8, error.ErrorCode);
        Assert.Equal(100, error.RateLimit!.Limit);
        Assert.Equal(0, error.RateLimit.Remaining);
        Assert.Equal(ApiTestContext.Now.AddMinutes(1), error.RateLimit.Reset);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task Rate_limit_reset_in_seconds_is_relative_to_the_time_provider()
    {
        GivenPins(Response.Create().WithStatusCode(400).WithHeader("x-ratelimit-remaining", "7").WithHeader("x-ratelimit-reset", "30").WithBody("""{"code":1,"message":"x"}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Null(error.RateLimit!.Limit);
        Assert.Equal(7, error.RateLimit.Remaining);
        Assert.Equal(ApiTestContext.Now.AddSeconds(30), error.RateLimit.Reset);
    }

    [Fact]
    public async Task A_non_json_error_body_maps_from_the_status_and_stays_out_of_the_message()
    {
        GivenPins(Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody("<html><body>Bad gateway secret-page-content</body></html>"));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.DoesNotContain("secret-page-content", error.Message, StringComparison.Ordinal);
        Assert.Equal("Pinterest create Pin failed with HTTP 502 (BadGateway).", error.Message);
    }

    [Fact]
    public async Task A_huge_error_body_is_not_read_whole_and_a_long_message_is_trimmed()
    {
        var huge = "{\"code\":1,\"message\":\"" + new string('x', 2_000_000) + "\"}";
        GivenPins(Response.Create().WithStatusCode(400).WithBody(huge));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(error.Message.Length < 1000, error.Message);
    }

    [Fact]
    public async Task A_long_pinterest_message_is_cut()
    {
        GivenPins(Response.Create().WithStatusCode(400).WithBody("{\"code\":1,\"message\":\"" + new string('y', 2000) + "\"}"));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(1, error.ErrorCode);
        Assert.Contains(new string('y', PinterestErrorMapper.MaxMessageLength) + "…", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('y', PinterestErrorMapper.MaxMessageLength + 1), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_success_body_is_an_api_error_not_a_json_exception()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/5").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-pinterest-rid", "rid-x").WithBody("{\"id\": [not json"));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.GetAsync("5")));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("rid-x", error.RequestId);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
        Assert.Contains("get Pin", error.Message, StringComparison.Ordinal);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task A_created_pin_answer_without_an_id_is_an_unreadable_answer_not_an_empty_id()
    {
        // A 201 whose body lacks the id Pinterest's schema requires: the Pin was probably made, but an empty id would
        // be reported as success and lost, so it must surface as the unreadable answer the publisher reconciles.
        GivenPins(Response.Create().WithStatusCode(201).WithBody("""{"title":"t","board_id":"1"}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(HttpStatusCode.Created, error.StatusCode);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
        Assert.True(DuplicateSafePinCreator.IsAmbiguous(error));
    }

    [Fact]
    public async Task A_media_registration_without_a_media_id_is_an_unreadable_answer()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"media_type":"video","upload_url":"https://upload.example/"}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Media.RegisterVideoUploadAsync()));

        Assert.Equal(HttpStatusCode.Created, error.StatusCode);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
    }

    [Fact]
    public async Task A_connection_error_of_a_get_is_retried()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/5").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"5"}"""));
        using var handler = new FailingFirstHandler(failures: 1);
        using var httpClient = new HttpClient(handler);
        var client = new PinterestClient(httpClient, _ctx.Options(), tokenManager: null, _ctx.Credential);

        var pin = await _ctx.RunWithRetriesAsync(client.Pins.GetAsync("5"));

        Assert.Equal("5", pin.Id);
        Assert.Equal(2, handler.Attempts);
        Assert.Single(_ctx.Requests);
        Assert.Contains(_ctx.Logs.GetSnapshot(), r => r.Id.Name == "PinterestRequestError");
    }

    [Fact]
    public async Task A_connection_error_of_a_post_is_not_retried()
    {
        using var handler = new FailingFirstHandler(failures: 5);
        using var httpClient = new HttpClient(handler);
        var client = new PinterestClient(httpClient, _ctx.Options(), tokenManager: null, _ctx.Credential);

        await Assert.ThrowsAsync<HttpRequestException>(() => _ctx.WithoutRetryAsync(client.Pins.CreateAsync(PinRequest)));

        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Logs_carry_method_and_path_but_never_tokens_or_query_strings()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-pinterest-rid", "rid-log").WithBody("""{"items":[]}"""));
        _ctx.Credential.Token = "pina_LOG_SECRET";

        await foreach (var unused in _ctx.Client().Boards.GetBoardsAsync(pageSize: 17))
        {
        }

        var record = Assert.Single(_ctx.Logs.GetSnapshot(), r => r.Id.Name == "PinterestRequestSucceeded");
        Assert.Contains("GET boards", record.Message, StringComparison.Ordinal);
        Assert.Contains("rid-log", record.Message, StringComparison.Ordinal);
        Assert.All(_ctx.Logs.GetSnapshot(), r =>
        {
            Assert.DoesNotContain("pina_LOG_SECRET", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("page_size", r.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Requests_accept_json()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins/5").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"5"}"""));

        await _ctx.Client().Pins.GetAsync("5");

        Assert.Equal("application/json", ApiTestContext.Header(_ctx.SingleRequest(), "Accept"));
    }

    [Fact]
    public async Task A_base_address_with_a_path_prefix_keeps_it()
    {
        _ctx.Server.Given(Request.Create().WithPath("/proxy/pinterest/v5/pins/5").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"5"}"""));

        var pin = await _ctx.Client(o => o.ApiBaseAddress = new Uri(_ctx.BaseAddress, "proxy/pinterest")).Pins.GetAsync("5");

        Assert.Equal("5", pin.Id);
    }

    [Theory]
    [InlineData(PinterestEnvironment.Production, "https://api.pinterest.com/v5/pins/1")]
    [InlineData(PinterestEnvironment.Sandbox, "https://api-sandbox.pinterest.com/v5/pins/1")]
    public void The_environment_picks_the_host(PinterestEnvironment environment, string expected)
    {
        var requests = new ApiRequestBuilder(new PinterestClientOptions { Environment = environment });

        Assert.Equal(new Uri(expected), requests.BuildUri(PinterestApiRequest.Create(PinterestEndpoints.PinsGet, "pins/1")));
    }

    private void GivenPins(IResponseBuilder response) =>
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost()).RespondWith(response);

    private void GivenFlakyGet(string path, IResponseBuilder first)
    {
        _ctx.Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario(path).WillSetStateTo("ok").RespondWith(first);
        _ctx.Server.Given(Request.Create().WithPath(path).UsingGet()).InScenario(path).WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"username":"u"}"""));
    }

    private void GivenFlakyDelete(string path)
    {
        _ctx.Server.Given(Request.Create().WithPath(path).UsingDelete()).InScenario(path).WillSetStateTo("ok").RespondWith(Response.Create().WithStatusCode(500));
        _ctx.Server.Given(Request.Create().WithPath(path).UsingDelete()).InScenario(path).WhenStateIs("ok").RespondWith(Response.Create().WithStatusCode(204));
    }

    private static async Task<bool> DeleteAsBoolAsync(Task task)
    {
        await task;
        return true;
    }

    /// <summary>Fails the first sends as a refused connection would, then forwards to the network (WireMock on loopback).</summary>
    private sealed class FailingFirstHandler(int failures) : DelegatingHandler(new HttpClientHandler())
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            return attempt <= failures
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (simulated)"))
                : base.SendAsync(request, cancellationToken);
        }
    }
}
