using System.Net;
using System.Text;
using Pinterest.Publishing.Authentication;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

/// <summary><c>POST /v5/oauth/token/revoke</c> on the wire (issue 12, item 12: a user disconnecting must revoke).</summary>
public sealed class OAuthClientRevokeTests : IDisposable
{
    private static readonly string ExpectedBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-id-1:client-secret-1"));

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Revoke_posts_the_token_form_with_basic_auth_and_accepts_an_empty_200()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token/revoke").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));

        await _ctx.ClientWithoutAccount().OAuth.RevokeAsync("pinr_secret", "refresh_token");

        var request = _ctx.SingleRequest();
        Assert.Equal(ExpectedBasic, ApiTestContext.Header(request, "Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", ApiTestContext.Header(request, "Content-Type"), StringComparison.Ordinal);
        Assert.Equal("token=pinr_secret&token_type_hint=refresh_token", request.RequestMessage.Body);
    }

    [Fact]
    public async Task RevokeTokens_revokes_the_refresh_token_first_then_the_access_token()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token/revoke").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        var token = new PinterestToken { AccessToken = "pina_A", ExpiresAt = ApiTestContext.Now.AddDays(1), RefreshToken = "pinr_R" };

        await _ctx.ClientWithoutAccount().OAuth.RevokeTokensAsync(token);

        Assert.Equal(
            ["token=pinr_R&token_type_hint=refresh_token", "token=pina_A&token_type_hint=access_token"],
            _ctx.Requests.Select(r => r.RequestMessage.Body));
    }

    [Fact]
    public async Task RevokeTokens_still_revokes_the_access_token_when_the_refresh_token_is_refused_then_raises_the_refusal()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token/revoke").UsingPost().WithBody(b => b is not null && b.Contains("refresh_token", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("""{"code":29,"message":"You are not permitted to access that resource."}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token/revoke").UsingPost().WithBody(b => b is not null && b.Contains("access_token", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithStatusCode(200));
        var token = new PinterestToken { AccessToken = "pina_A", ExpiresAt = ApiTestContext.Now.AddDays(1), RefreshToken = "pinr_R" };

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.ClientWithoutAccount().OAuth.RevokeTokensAsync(token)));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(
            ["token=pinr_R&token_type_hint=refresh_token", "token=pina_A&token_type_hint=access_token"],
            _ctx.Requests.Select(r => r.RequestMessage.Body));
    }

    [Fact]
    public async Task Revoke_refused_by_Pinterest_raises_its_error_without_the_token()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token/revoke").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("""{"code":29,"message":"You are not permitted to access that resource."}"""));

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.ClientWithoutAccount().OAuth.RevokeAsync("pina_SECRET_TOKEN")));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.DoesNotContain("pina_SECRET_TOKEN", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_refuses_an_unknown_token_type_hint_before_any_call()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.ClientWithoutAccount().OAuth.RevokeAsync("t", "id_token"));

        Assert.Equal("tokenTypeHint", error.ParamName);
        Assert.Empty(_ctx.Requests);
    }
}
