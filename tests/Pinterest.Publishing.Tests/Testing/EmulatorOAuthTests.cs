using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed class EmulatorOAuthTests
{
    private static readonly Uri Redirect = new("https://app.example/callback");

    private static HttpRequestMessage TokenRequest(string form, string clientId = "emulator-client-id", string clientSecret = "emulator-client-secret", bool withCredentials = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v5/oauth/token")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (withCredentials)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret}")));
        }

        return request;
    }

    [Fact]
    public async Task AuthorizationCodeGrantReturnsTokensThatWork()
    {
        using var h = new EmulatorHarness();
        var code = h.Emulator.CreateAuthorizationCode(h.Account, Redirect, "boards:read,pins:write,user_accounts:read");

        var response = await h.Anonymous.SendAsync(TokenRequest($"grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString(Redirect.OriginalString)}&continuous_refresh=true"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal("authorization_code", body.GetProperty("response_type").GetString());
        Assert.Equal("boards:read,pins:write,user_accounts:read", body.GetProperty("scope").GetString());
        Assert.Equal((long)TimeSpan.FromDays(30).TotalSeconds, body.GetProperty("expires_in").GetInt64());
        Assert.Equal((long)TimeSpan.FromDays(60).TotalSeconds, body.GetProperty("refresh_token_expires_in").GetInt64());
        var access = body.GetProperty("access_token").GetString()!;
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        Assert.Equal(1, h.Emulator.AuthorizationCodeExchangeCount);

        var me = new HttpRequestMessage(HttpMethod.Get, "v5/user_account");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var account = await h.Anonymous.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal(h.Account.Id, (await ReadJsonAsync(account)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AuthorizationCodeIsSingleUseAndBoundToRedirectUri()
    {
        using var h = new EmulatorHarness();
        var code = h.Emulator.CreateAuthorizationCode(h.Account, Redirect, "pins:read");

        var wrongRedirect = await h.Anonymous.SendAsync(TokenRequest($"grant_type=authorization_code&code={code}&redirect_uri=https%3A%2F%2Fevil.example%2F"));
        await AssertInvalidGrantAsync(wrongRedirect);

        var code2 = h.Emulator.CreateAuthorizationCode(h.Account, Redirect, "pins:read");
        var form = $"grant_type=authorization_code&code={code2}&redirect_uri={Uri.EscapeDataString(Redirect.OriginalString)}";
        Assert.Equal(HttpStatusCode.OK, (await h.Anonymous.SendAsync(TokenRequest(form))).StatusCode);
        await AssertInvalidGrantAsync(await h.Anonymous.SendAsync(TokenRequest(form)));
    }

    [Theory]
    [InlineData("emulator-client-id", "wrong-secret", true)]
    [InlineData("other-client", "emulator-client-secret", true)]
    [InlineData("emulator-client-id", "emulator-client-secret", false)]
    public async Task WrongOrMissingClientCredentialsAre401(string clientId, string secret, bool withCredentials)
    {
        using var h = new EmulatorHarness();
        var response = await h.Anonymous.SendAsync(TokenRequest($"grant_type=refresh_token&refresh_token={h.Token.RefreshToken}", clientId, secret, withCredentials));
        var body = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, 2);
        Assert.Equal("Authentication failed.", body.GetProperty("message").GetString());
        Assert.Equal(0, h.Emulator.TokenRefreshCount);
    }

    [Fact]
    public async Task RefreshRotatesTheRefreshTokenAndRejectsTheOldOne()
    {
        using var h = new EmulatorHarness();
        var first = await h.Anonymous.SendAsync(TokenRequest($"grant_type=refresh_token&refresh_token={h.Token.RefreshToken}"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await ReadJsonAsync(first);
        var newRefresh = body.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(h.Token.RefreshToken, newRefresh);
        Assert.NotEqual(h.Token.AccessToken, body.GetProperty("access_token").GetString());
        Assert.Equal("refresh_token", body.GetProperty("response_type").GetString());
        Assert.True(body.GetProperty("refresh_token_expires_in").GetInt64() > 0);
        Assert.Equal(1, h.Emulator.TokenRefreshCount);

        var replay = await h.Anonymous.SendAsync(TokenRequest($"grant_type=refresh_token&refresh_token={h.Token.RefreshToken}"));
        await AssertInvalidGrantAsync(replay);

        var second = await h.Anonymous.SendAsync(TokenRequest($"grant_type=refresh_token&refresh_token={newRefresh}"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, h.Emulator.TokenRefreshCount);
    }

    [Fact]
    public async Task ExpiredRefreshTokenIsRejected()
    {
        using var h = new EmulatorHarness();
        h.Time.Advance(TimeSpan.FromDays(60));
        var response = await h.Anonymous.SendAsync(TokenRequest($"grant_type=refresh_token&refresh_token={h.Token.RefreshToken}"));
        await AssertInvalidGrantAsync(response);
        Assert.Equal(0, h.Emulator.TokenRefreshCount);
    }

    [Fact]
    public async Task EachRefreshRenewsTheRefreshTokenForAnotherSixtyDays()
    {
        using var h = new EmulatorHarness();
        var refreshToken = h.Token.RefreshToken!;

        // Refreshed every 50 days, the account lives far past its first refresh token's 60 days.
        for (var round = 1; round <= 4; round++)
        {
            h.Time.Advance(TimeSpan.FromDays(50));
            var response = await h.Anonymous.SendAsync(TokenRequest($"grant_type=refresh_token&refresh_token={refreshToken}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ReadJsonAsync(response);
            refreshToken = body.GetProperty("refresh_token").GetString()!;
            Assert.Equal((long)TimeSpan.FromDays(60).TotalSeconds, body.GetProperty("refresh_token_expires_in").GetInt64());
            Assert.Equal(h.Time.GetUtcNow().AddDays(60).ToUnixTimeSeconds(), body.GetProperty("refresh_token_expires_at").GetInt64());
        }

        Assert.Equal(4, h.Emulator.TokenRefreshCount);
    }

    [Fact]
    public async Task ARefreshFaultAfterProcessingSpendsTheRefreshTokenAndLosesTheAnswer()
    {
        using var h = new EmulatorHarness();
        h.Emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, afterProcessing: true));
        var form = $"grant_type=refresh_token&refresh_token={h.Token.RefreshToken}";

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await h.Anonymous.SendAsync(TokenRequest(form))).StatusCode);

        // Pinterest rotated it: the refresh token sent is spent, and the rotated one never arrived.
        Assert.Equal(1, h.Emulator.TokenRefreshCount);
        await AssertInvalidGrantAsync(await h.Anonymous.SendAsync(TokenRequest(form)));
    }

    [Fact]
    public async Task AnUnknownRefreshTokenIsAnInvalidGrant()
    {
        using var h = new EmulatorHarness();
        await AssertInvalidGrantAsync(await h.Anonymous.SendAsync(TokenRequest("grant_type=refresh_token&refresh_token=pinr_made_up")));
    }

    /// <summary>Pinterest's answer to a bad, spent, expired or revoked grant (pinterest/pinterest-python-sdk#114).</summary>
    private static async Task AssertInvalidGrantAsync(HttpResponseMessage response)
    {
        var body = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, 283);
        Assert.Equal("The authorization grant is invalid", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task MissingOrUnknownGrantTypeIs400()
    {
        using var h = new EmulatorHarness();
        await AssertErrorAsync(await h.Anonymous.SendAsync(TokenRequest("code=abc")), HttpStatusCode.BadRequest, 1);
        await AssertErrorAsync(await h.Anonymous.SendAsync(TokenRequest("grant_type=password")), HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task IssuedTokensAreRandomAndDistinct()
    {
        using var h = new EmulatorHarness();
        var tokens = Enumerable.Range(0, 50).Select(_ => h.Emulator.IssueTokens(h.Account)).ToList();
        var all = tokens.SelectMany(t => new[] { t.AccessToken, t.RefreshToken! }).Append(h.Token.AccessToken).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, t => Assert.True(t.Length >= 40));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AccessTokenExpiresOnTheTimeProvider()
    {
        using var h = new EmulatorHarness();
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromDays(30), h.Token.ExpiresAt);

        h.Time.Advance(TimeSpan.FromDays(30));

        await AssertErrorAsync(await h.Client.GetAsync("v5/user_account"), HttpStatusCode.Unauthorized, 2);
        Assert.Equal(h.Token.AccessToken, h.Emulator.Requests[^1].AccessToken);
        Assert.Null(h.Emulator.Requests[^1].AccountId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-real-token")]
    [InlineData("Basic ZW11bGF0b3ItY2xpZW50LWlkOmVtdWxhdG9yLWNsaWVudC1zZWNyZXQ=")]
    public async Task MissingOrUnknownBearerIs401Code2(string? authorization)
    {
        using var h = new EmulatorHarness();
        var request = new HttpRequestMessage(HttpMethod.Get, "v5/boards");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        await AssertErrorAsync(await h.Anonymous.SendAsync(request), HttpStatusCode.Unauthorized, 2);
    }

    [Fact]
    public async Task RevokedTokensAreRejected()
    {
        using var h = new EmulatorHarness();
        h.Emulator.RevokeTokens(h.Account);
        await AssertErrorAsync(await h.Client.GetAsync("v5/user_account"), HttpStatusCode.Unauthorized, 2);
        var refresh = await h.Anonymous.SendAsync(TokenRequest($"grant_type=refresh_token&refresh_token={h.Token.RefreshToken}"));
        await AssertInvalidGrantAsync(refresh);
    }

    [Fact]
    public async Task RequestsRecordWhichTokenWasUsed()
    {
        using var h = new EmulatorHarness();
        var second = h.Emulator.IssueTokens(h.Account);
        await h.Client.GetAsync("v5/user_account");
        var request = new HttpRequestMessage(HttpMethod.Get, "v5/user_account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", second.AccessToken);
        await h.Anonymous.SendAsync(request);

        var recorded = h.Emulator.Requests;
        Assert.Equal([h.Token.AccessToken, second.AccessToken], recorded.Select(r => r.AccessToken));
        Assert.All(recorded, r => Assert.Equal(h.Account.Id, r.AccountId));
        Assert.All(recorded, r => Assert.Equal(200, r.StatusCode));
    }
}
