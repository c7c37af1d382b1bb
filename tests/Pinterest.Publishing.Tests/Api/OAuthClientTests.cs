using System.Net;
using System.Text;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Internal.Failures;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

public sealed class OAuthClientTests : IDisposable
{
    private static readonly string ExpectedBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-id-1:client-secret-1"));
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void BuildAuthorizeUri_has_every_parameter_escaped_and_comma_separated_scopes()
    {
        var uri = _ctx.Client().OAuth.BuildAuthorizeUri(new Uri("https://app.example.com/callback?x=1&y=2"), ["boards:read", "pins:write", "user_accounts:read"], "st ate&=");

        Assert.Equal(
            "https://www.pinterest.com/oauth/?client_id=client-id-1&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%3Fx%3D1%26y%3D2&response_type=code&scope=boards%3Aread,pins%3Awrite,user_accounts%3Aread&state=st%20ate%26%3D",
            uri.AbsoluteUri);
    }

    [Fact]
    public void BuildAuthorizeUri_needs_a_client_id_and_scopes()
    {
        var noId = Assert.Throws<InvalidOperationException>(() => _ctx.Client(o => o.ClientId = null).OAuth.BuildAuthorizeUri(new Uri("https://a.example/cb"), ["pins:read"], "s"));
        Assert.Contains("ClientId", noId.Message, StringComparison.Ordinal);
        Assert.Equal("scopes", Assert.Throws<ArgumentException>(() => _ctx.Client().OAuth.BuildAuthorizeUri(new Uri("https://a.example/cb"), [], "s")).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => _ctx.Client().OAuth.BuildAuthorizeUri(new Uri("https://a.example/cb"), ["pins:read"], "")).ParamName);
    }

    [Fact]
    public async Task ExchangeCode_posts_the_form_with_basic_auth_and_maps_the_token()
    {
        GivenTokenAnswer(200, """
            {"access_token":"pina_NEW","refresh_token":"pinr_NEW","response_type":"authorization_code","token_type":"bearer",
             "expires_in":2592000,"refresh_token_expires_in":5184000,"refresh_token_expires_at":1700000000,"scope":"boards:read,pins:write"}
            """);

        // Works on a client without any account: OAuth needs no bearer.
        var token = await _ctx.ClientWithoutAccount().OAuth.ExchangeCodeAsync("the code", new Uri("https://app.example.com/callback"));

        Assert.Equal("pina_NEW", token.AccessToken);
        Assert.Equal("pinr_NEW", token.RefreshToken);
        Assert.Equal(ApiTestContext.Now.AddSeconds(2592000), token.ExpiresAt);
        Assert.Equal(ApiTestContext.Now.AddSeconds(5184000), token.RefreshTokenExpiresAt);
        Assert.Equal("boards:read,pins:write", token.Scope);

        var request = _ctx.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal("/v5/oauth/token", request.RequestMessage.Path);
        Assert.Equal(ExpectedBasic, ApiTestContext.Header(request, "Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", ApiTestContext.Header(request, "Content-Type"), StringComparison.Ordinal);
        Assert.Equal("grant_type=authorization_code&code=the%20code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&continuous_refresh=true", request.RequestMessage.Body);
    }

    [Fact]
    public async Task Refresh_posts_the_grant_with_basic_auth_and_never_a_bearer()
    {
        GivenTokenAnswer(200, """
            {"access_token":"pina_2","refresh_token":"pinr_2","response_type":"refresh_token","token_type":"bearer",
             "expires_in":3600,"refresh_token_expires_at":1800000000,"scope":"pins:read"}
            """);

        // A client WITH an account credential still sends Basic, not its bearer, to the token endpoint.
        var token = await _ctx.Client().OAuth.RefreshAsync("pinr_1+/=");

        Assert.Equal("pina_2", token.AccessToken);
        Assert.Equal(ApiTestContext.Now.AddHours(1), token.ExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1800000000), token.RefreshTokenExpiresAt);
        var request = _ctx.SingleRequest();
        Assert.Equal(ExpectedBasic, ApiTestContext.Header(request, "Authorization"));
        Assert.DoesNotContain("Bearer", string.Join(";", request.RequestMessage.Headers!.SelectMany(h => h.Value)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("grant_type=refresh_token&refresh_token=pinr_1%2B%2F%3D", request.RequestMessage.Body);
        Assert.Equal(0, _ctx.Credential.GetCalls);
    }

    [Fact]
    public async Task Refresh_without_a_new_refresh_token_returns_none()
    {
        GivenTokenAnswer(200, """{"access_token":"pina_2","token_type":"bearer","expires_in":3600,"scope":"pins:read"}""");

        var token = await _ctx.Client().OAuth.RefreshAsync("pinr_1");

        Assert.Null(token.RefreshToken);
        Assert.Null(token.RefreshTokenExpiresAt);
    }

    // Pinterest answers a bad, spent, expired or revoked refresh token with 401 code 283 ("The authorization grant is
    // invalid", pinterest/pinterest-python-sdk#114); the grant code decides, whatever the status.
    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    public async Task Refresh_answered_code_283_means_reauthorization(int status)
    {
        GivenTokenAnswer(status, """{"code":283,"message":"The authorization grant is invalid"}""");

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.RefreshAsync("pinr_SECRET_VALUE")));

        Assert.DoesNotContain("pinr_SECRET_VALUE", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-1", error.ToString(), StringComparison.Ordinal);
        var inner = Assert.IsType<PinterestApiException>(error.InnerException);
        Assert.Equal((HttpStatusCode)status, inner.StatusCode);
        Assert.Equal(283, inner.ErrorCode);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Refresh_answered_401_code_2_is_the_apps_credentials_never_retried_nor_reauthorization()
    {
        GivenTokenAnswer(401, """{"code":2,"message":"Authentication failed."}""");

        var refresh = _ctx.Client().OAuth.RefreshAsync("pinr_SECRET_VALUE");
        var error = await Assert.ThrowsAsync<PinterestAppCredentialsException>(() => _ctx.WithoutRetryAsync(refresh));

        Assert.Contains("Pinterest:ClientId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pinterest:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-1", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("client-id-1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pinr_SECRET_VALUE", error.ToString(), StringComparison.Ordinal);
        var inner = Assert.IsType<PinterestApiException>(error.InnerException);
        Assert.Equal(HttpStatusCode.Unauthorized, inner.StatusCode);
        Assert.Equal(2, inner.ErrorCode);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task ExchangeCode_answered_401_code_2_is_the_apps_credentials()
    {
        GivenTokenAnswer(401, """{"code":2,"message":"Authentication failed."}""");

        var error = await Assert.ThrowsAsync<PinterestAppCredentialsException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.ExchangeCodeAsync("the-code", "https://a.example/cb")));

        Assert.Contains("Pinterest:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-1", error.ToString(), StringComparison.Ordinal);
        Assert.Single(_ctx.Requests);
    }

    // Any other 400 or 401 from the refresh: the grant could not be used, and the draft is not at fault, so the
    // account is reported for reconnecting (conservative) rather than the Pin rejected for good.
    [Theory]
    [InlineData(400, """{"code":1,"message":"Something else."}""")]
    [InlineData(401, """{"code":1,"message":"Something else."}""")]
    [InlineData(400, """{"error":"invalid_request"}""")]
    [InlineData(401, "")]
    public async Task Refresh_answered_another_400_or_401_means_reauthorization_not_a_refused_draft(int status, string body)
    {
        GivenTokenAnswer(status, body);

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.RefreshAsync("pinr_SECRET_VALUE")));

        Assert.DoesNotContain("pinr_SECRET_VALUE", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("connected again", error.Message, StringComparison.Ordinal);
        var inner = Assert.IsType<PinterestApiException>(error.InnerException);
        Assert.Equal((HttpStatusCode)status, inner.StatusCode);
        Assert.Equal(FailureKind.Reauthorize, FailureClassifier.Classify(error));
        Assert.Single(_ctx.Requests);
    }

    [Theory]
    [InlineData(403, 29)]
    [InlineData(404, 1)]
    public async Task Refresh_refused_for_another_reason_is_an_api_error_not_reauthorization(int status, int code)
    {
        GivenTokenAnswer(status, $$"""{"code":{{code}},"message":"Something else."}""");

        var error = await Assert.ThrowsAnyAsync<PinterestException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.RefreshAsync("pinr_1")));

        var api = Assert.IsAssignableFrom<PinterestApiException>(error);
        Assert.Equal((HttpStatusCode)status, api.StatusCode);
        Assert.False(api.IsTransient);
        Assert.Single(_ctx.Requests);
    }

    // A refresh spends the refresh token it sends: after an answer that may have followed processing (5xx, 408, a
    // reset, a timeout) it is not sent again. The token manager re-reads the store and the failure surfaces as transient.
    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task Refresh_is_not_resent_after_an_answer_that_may_follow_processing(int status)
    {
        GivenTokenAnswer(status, "oops");

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.RefreshAsync("pinr_1")));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Refresh_is_not_resent_after_the_connection_dropped_once_sent()
    {
        GivenTokenAnswer(200, """{"access_token":"pina_2","refresh_token":"pinr_2","token_type":"bearer","expires_in":3600,"scope":"s"}""");
        using var handler = new ResetAfterSendHandler();
        using var httpClient = new HttpClient(handler);
        var client = new PinterestClient(httpClient, _ctx.Options(), tokenManager: null);

        await Assert.ThrowsAsync<HttpRequestException>(() => _ctx.WithoutRetryAsync(client.OAuth.RefreshAsync("pinr_1")));

        // Pinterest processed it (the refresh token is spent); the answer was lost.
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Refresh_is_retried_after_a_429()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost()).InScenario("r").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithBody("""{"code":8,"message":"Rate limit exceeded."}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost()).InScenario("r").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"pina_2","refresh_token":"pinr_2","token_type":"bearer","expires_in":3600,"scope":"s"}"""));

        var token = await _ctx.RunWithRetriesAsync(_ctx.Client().OAuth.RefreshAsync("pinr_1"));

        Assert.Equal("pinr_2", token.RefreshToken);
        Assert.Equal(2, _ctx.Requests.Count);
        Assert.All(_ctx.Requests, r => Assert.Equal("grant_type=refresh_token&refresh_token=pinr_1", r.RequestMessage.Body));
    }

    [Fact]
    public async Task Refresh_is_retried_after_a_refused_connection()
    {
        GivenTokenAnswer(200, """{"access_token":"pina_2","refresh_token":"pinr_2","token_type":"bearer","expires_in":3600,"scope":"s"}""");
        using var handler = new RefusingFirstHandler(failures: 2);
        using var httpClient = new HttpClient(handler);
        var client = new PinterestClient(httpClient, _ctx.Options(), tokenManager: null);

        var token = await _ctx.RunWithRetriesAsync(client.OAuth.RefreshAsync("pinr_1"));

        Assert.Equal("pinr_2", token.RefreshToken);
        Assert.Equal(3, handler.Attempts);
        Assert.Single(_ctx.Requests);
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://app.example.com/cb?x=%7E&next=%2fhome%3Fa%3Db")]
    [InlineData("https://App.Example.com:443/cb")]
    public void BuildAuthorizeUri_sends_the_redirect_uri_exactly_as_registered(string registered)
    {
        var fromString = _ctx.Client().OAuth.BuildAuthorizeUri(registered, ["pins:read"], "s");
        var fromUri = _ctx.Client().OAuth.BuildAuthorizeUri(new Uri(registered), ["pins:read"], "s");

        Assert.Equal(registered, RedirectUriOf(fromString));
        Assert.Equal(registered, RedirectUriOf(fromUri));
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://app.example.com/cb?x=%7E&next=%2fhome%3Fa%3Db")]
    public async Task ExchangeCode_sends_the_redirect_uri_exactly_as_registered(string registered)
    {
        GivenTokenAnswer(200, """{"access_token":"pina_2","refresh_token":"pinr_2","token_type":"bearer","expires_in":3600,"scope":"s"}""");

        await _ctx.ClientWithoutAccount().OAuth.ExchangeCodeAsync("c1", registered);
        await _ctx.ClientWithoutAccount().OAuth.ExchangeCodeAsync("c2", new Uri(registered));

        Assert.All(_ctx.Requests, r => Assert.Equal(registered, FormValue(r.RequestMessage.Body!, "redirect_uri")));
        Assert.Equal(2, _ctx.Requests.Count);
    }

    [Theory]
    [InlineData("/relative/cb")]
    [InlineData("ftp://app.example.com/cb")]
    [InlineData(" https://app.example.com/cb")]
    [InlineData("https://app.example.com/cb ")]
    public async Task A_redirect_uri_that_is_not_an_absolute_http_url_as_registered_is_refused(string redirectUri)
    {
        var authorize = Assert.Throws<ArgumentException>(() => _ctx.Client().OAuth.BuildAuthorizeUri(redirectUri, ["pins:read"], "s"));
        var exchange = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().OAuth.ExchangeCodeAsync("c", redirectUri));

        Assert.Equal("redirectUri", authorize.ParamName);
        Assert.Equal("redirectUri", exchange.ParamName);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task ExchangeCode_is_not_retried()
    {
        GivenTokenAnswer(503, "oops");

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.ExchangeCodeAsync("c", new Uri("https://a.example/cb"))));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task ExchangeCode_error_is_an_api_error_not_reauthorization()
    {
        GivenTokenAnswer(400, """{"code":1,"message":"Invalid code"}""");

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.ExchangeCodeAsync("c", new Uri("https://a.example/cb"))));

        Assert.Equal(1, error.ErrorCode);
    }

    [Fact]
    public async Task A_token_answer_without_access_token_or_expiry_is_an_api_error()
    {
        GivenTokenAnswer(200, """{"token_type":"bearer","scope":"s"}""");

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _ctx.Client().OAuth.RefreshAsync("pinr_1"));

        Assert.Contains("without an access token", error.Message, StringComparison.Ordinal);

        // Malformed token data is the endpoint's fault, not the refresh token's: worth trying again.
        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(true, false, "ClientId")]
    [InlineData(false, true, "ClientSecret")]
    public async Task Missing_client_credentials_fail_before_any_call(bool missingId, bool missingSecret, string setting)
    {
        var client = _ctx.Client(o =>
        {
            if (missingId)
            {
                o.ClientId = null;
            }

            if (missingSecret)
            {
                o.ClientSecret = "";
            }
        });

        var refresh = await Assert.ThrowsAsync<InvalidOperationException>(() => client.OAuth.RefreshAsync("pinr_1"));
        var exchange = await Assert.ThrowsAsync<InvalidOperationException>(() => client.OAuth.ExchangeCodeAsync("c", new Uri("https://a.example/cb")));

        Assert.Contains(setting, refresh.Message, StringComparison.Ordinal);
        Assert.Contains(setting, exchange.Message, StringComparison.Ordinal);
        Assert.Empty(_ctx.Requests);
    }

    private static string RedirectUriOf(Uri authorizeUri) =>
        FormValue(authorizeUri.Query.TrimStart('?'), "redirect_uri");

    private static string FormValue(string form, string name) =>
        form.Split('&').Select(pair => pair.Split('=', 2)).Where(kv => kv[0] == name).Select(kv => Uri.UnescapeDataString(kv[1])).Single();

    /// <summary>Fails the first sends as a refused connection would (surely not processed), then forwards to WireMock.</summary>
    private sealed class RefusingFirstHandler(int failures) : DelegatingHandler(new HttpClientHandler())
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _attempts) <= failures
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (simulated)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)))
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Forwards to WireMock, then loses the answer as a connection reset would.</summary>
    private sealed class ResetAfterSendHandler() : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var answer = await base.SendAsync(request, cancellationToken);
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The connection was reset (simulated).", new IOException("reset"));
        }
    }

    private void GivenTokenAnswer(int status, string body) =>
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
}
