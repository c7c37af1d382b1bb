using System.Net;
using System.Text;
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

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    public async Task Refresh_rejected_means_reauthorization(int status)
    {
        GivenTokenAnswer(status, """{"code":1,"message":"Invalid refresh token"}""");

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _ctx.WithoutRetryAsync(_ctx.Client().OAuth.RefreshAsync("pinr_SECRET_VALUE")));

        Assert.DoesNotContain("pinr_SECRET_VALUE", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-1", error.ToString(), StringComparison.Ordinal);
        var inner = Assert.IsType<PinterestApiException>(error.InnerException);
        Assert.Equal((HttpStatusCode)status, inner.StatusCode);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Refresh_retries_a_transient_failure()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost()).InScenario("r").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503));
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost()).InScenario("r").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"pina_2","refresh_token":"pinr_2","token_type":"bearer","expires_in":3600,"scope":"s"}"""));

        var token = await _ctx.RunWithRetriesAsync(_ctx.Client().OAuth.RefreshAsync("pinr_1"));

        Assert.Equal("pinr_2", token.RefreshToken);
        Assert.Equal(2, _ctx.Requests.Count);
        Assert.All(_ctx.Requests, r => Assert.Equal("grant_type=refresh_token&refresh_token=pinr_1", r.RequestMessage.Body));
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

    private void GivenTokenAnswer(int status, string body) =>
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
}
