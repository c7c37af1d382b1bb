using System.Net;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>
/// What Pinterest's error answers mean, on the wire: a missing scope (401 code 3) is not an expired token, a spam block
/// can be worded in <c>message_detail</c> or in <c>message</c>, and 403 code 29 is Trial access only when Pinterest says
/// so.
/// </summary>
public sealed class PinterestErrorSemanticsTests : IDisposable
{
    private const string InsufficientScope = """{"code":3,"message":"Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes."}""";
    private const string RateLimitMessage = "This request exceeded a rate limit. This can happen if the client exceeds one of the published rate limits within a short time window.";
    private const string SpamWording = "Sorry! You've hit a block (Pins) we have in place to combat spam.";

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static CreatePinRequest PinRequest => new() { BoardId = "1", Title = "t", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } };

    [Fact]
    public async Task A_401_code_3_names_the_scopes_and_never_calls_the_token_endpoint_nor_rotates_the_refresh_token()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("x-pinterest-rid", "rid-3").WithBody(InsufficientScope));
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"pina_rotated","refresh_token":"pinr_rotated","token_type":"bearer","expires_in":2592000,"scope":"boards:read"}"""));
        var store = new InMemoryPinterestTokenStore();
        var token = new PinterestToken
        {
            AccessToken = "pina_without_user_accounts",
            ExpiresAt = ApiTestContext.Now.AddDays(20),
            RefreshToken = "pinr_kept",
            RefreshTokenExpiresAt = ApiTestContext.Now.AddDays(50),
            Scope = "boards:read,boards:write,pins:read,pins:write",
        };
        await store.StoreTokenAsync("acct", token);
        var client = new PinterestClient(_ctx.HttpClient, store, "acct", _ctx.Options());

        var error = await Assert.ThrowsAsync<PinterestInsufficientScopeException>(() => _ctx.WithoutRetryAsync(client.UserAccount.GetAsync()));

        Assert.Equal(["user_accounts:read"], error.RequiredScopes);
        Assert.Equal("rid-3", error.RequestId);
        Assert.Contains("user_accounts:read", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(OAuthClient.BuildAuthorizeUri), error.Message, StringComparison.Ordinal);
        Assert.Contains("sufficient permissions", error.Message, StringComparison.Ordinal);
        var request = Assert.Single(_ctx.Requests);
        Assert.Equal("/v5/user_account", request.RequestMessage.Path);
        Assert.Equal("pinr_kept", (await store.GetTokenAsync("acct"))!.RefreshToken);
    }

    [Theory]
    [InlineData(RateLimitMessage, SpamWording, true)]
    [InlineData(SpamWording, null, true)]
    [InlineData("Your request was blocked as SPAM.", null, true)]
    [InlineData(RateLimitMessage, "Sorry! You've hit a block (Pins).", true)]
    [InlineData(RateLimitMessage, "Too many write operations on this object.", false)]
    [InlineData(RateLimitMessage, null, false)]
    public async Task A_429_is_a_spam_block_when_message_detail_or_message_says_so(string message, string? detail, bool isSpam)
    {
        var body = detail is null
            ? $$"""{"code":8,"message":"{{message}}"}"""
            : $$"""{"code":8,"message":"{{message}}","message_detail":"{{detail}}"}""";
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithBody(body));

        var error = await Assert.ThrowsAsync<PinterestRateLimitException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(isSpam, error.IsSpamBlock);
        Assert.Equal(!isSpam, error.IsTransient);
        Assert.Equal(detail?.TrimEnd('.'), error.MessageDetail);
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task Message_detail_is_kept_scrubbed_of_the_requests_secrets()
    {
        _ctx.Credential.Token = "pina_DETAIL_SECRET";
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"code":1,"message":"Invalid request.","message_detail":"board_id is not a board of the user; sent with pina_DETAIL_SECRET"}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.NotNull(error.MessageDetail);
        Assert.StartsWith("board_id is not a board of the user", error.MessageDetail, StringComparison.Ordinal);
        Assert.Contains("board_id is not a board of the user", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("DETAIL_SECRET", error.MessageDetail, StringComparison.Ordinal);
        Assert.DoesNotContain("DETAIL_SECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.", true)]
    [InlineData("Use https://api-sandbox.pinterest.com for this app.", true)]
    [InlineData("You are not permitted to access that resource.", false)]
    public async Task A_403_code_29_is_trial_access_only_when_pinterest_says_so(string message, bool isTrial)
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody($$"""{"code":29,"message":"{{message}}"}"""));

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Equal(isTrial, error is PinterestTrialAccessException);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(29, error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Equal(isTrial, error.Message.Contains("PinterestEnvironment.Sandbox", StringComparison.Ordinal));
        Assert.Single(_ctx.Requests);
    }

    [Fact]
    public async Task A_generic_403_code_29_keeps_pinterests_message_and_says_what_to_check()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("""{"code":29,"message":"You are not permitted to access that resource."}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinRequest)));

        Assert.Contains("You are not permitted to access that resource", error.Message, StringComparison.Ordinal);
        Assert.Contains("board", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Trial", error.Message, StringComparison.Ordinal);
    }
}
