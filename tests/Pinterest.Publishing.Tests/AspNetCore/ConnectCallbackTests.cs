using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.AspNetCore;

public class ConnectCallbackTests
{
    [Fact]
    public async Task Connect_redirects_to_the_authorize_page_with_comma_separated_scopes_the_exact_redirect_uri_and_a_protected_state()
    {
        await using var host = await ConnectTestHost.StartAsync(o => o.RedirectUri = "http://localhost/pinterest/callback");
        var (authorize, cookie) = await host.ConnectAsync(returnUrl: "/boards");

        Assert.StartsWith(host.Emulator.AuthorizeAddress.AbsoluteUri + "?", authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(host.Emulator.Options.ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("http://localhost/pinterest/callback", query["redirect_uri"]);
        Assert.Equal(string.Join(',', PinterestConnectOptions.DefaultScopes), query["scope"]);
        var state = query["state"].ToString();
        Assert.DoesNotContain("host-account-1", state, StringComparison.Ordinal);
        Assert.DoesNotContain("boards", state, StringComparison.Ordinal);
        Assert.StartsWith(".Pinterest.Connect=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correlation_cookie_is_http_only_lax_and_scoped_to_the_callback()
    {
        await using var host = await ConnectTestHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pinterest/connect");
        request.Headers.Add(ConnectTestHost.UserHeader, "u");
        using var response = await host.Client.SendAsync(request);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie")).ToLowerInvariant();
        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/pinterest/callback", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", setCookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_stores_the_token_under_the_host_account_and_calls_the_hook()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var account = host.Emulator.AddAccount("maker");
        host.Emulator.ArrangeConsent(account, EmulatorConsentMode.Allow);
        var (authorize, cookie) = await host.ConnectAsync("host-account-7", "/after");
        var (response, consumed) = await host.CallbackAsync(await host.AuthorizeAsync(authorize), cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connected = Assert.Single(host.Hook.Connected);
        Assert.Empty(host.Hook.Failed);
        Assert.Equal("host-account-7", connected.AccountId);
        Assert.Equal("maker", connected.UserAccount.Username);
        Assert.Equal("/after", connected.ReturnUrl);
        var token = await host.TokenStore.GetTokenAsync("host-account-7");
        Assert.NotNull(token);
        using var me = new HttpRequestMessage(HttpMethod.Get, "v5/user_account");
        me.Headers.Authorization = new("Bearer", token.AccessToken);
        using var answer = await host.EmulatorClient.SendAsync(me);
        Assert.Contains("\"maker\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(cookie, consumed);
    }

    [Fact]
    public async Task Tampered_state_ends_in_the_hook_as_StateInvalid()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await AllowedCallbackAsync(host);
        var state = QueryHelpers.ParseQuery(callback.Uri.Query)["state"].ToString();
        var tampered = state[..^4] + (state[^4] == 'A' ? "BBBB" : "AAAA");
        var (response, _) = await host.CallbackAsync(WithState(callback.Uri, tampered), callback.Cookie);

        await AssertFailedAsync(host, response, PinterestConnectFailureReason.StateInvalid);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task Missing_state_ends_in_the_hook_as_StateInvalid()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var (response, _) = await host.CallbackAsync(new Uri("http://localhost/pinterest/callback?code=abc"), cookie: null);
        await AssertFailedAsync(host, response, PinterestConnectFailureReason.StateInvalid);
    }

    [Fact]
    public async Task Expired_state_ends_in_the_hook_as_StateExpired()
    {
        await using var host = await ConnectTestHost.StartAsync(o => o.StateLifetime = TimeSpan.FromMinutes(5));
        var callback = await AllowedCallbackAsync(host);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var (response, _) = await host.CallbackAsync(callback.Uri, callback.Cookie);

        var failed = await AssertFailedAsync(host, response, PinterestConnectFailureReason.StateExpired);
        Assert.Equal("host-account-1", failed.AccountId);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task Replayed_callback_ends_in_the_hook_as_StateReplayed()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await AllowedCallbackAsync(host);
        var (first, consumed) = await host.CallbackAsync(callback.Uri, callback.Cookie);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // The browser now holds the consumed cookie and the same callback comes again.
        var (replay, _) = await host.CallbackAsync(callback.Uri, consumed);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Single(host.Hook.Connected);
        Assert.Equal(PinterestConnectFailureReason.StateReplayed, Assert.Single(host.Hook.Failed).Reason);
        Assert.Equal(1, host.Emulator.AuthorizationCodeExchangeCount);
    }

    [Fact]
    public async Task State_of_an_earlier_attempt_than_the_browsers_latest_ends_as_StateReplayed()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var earlier = await AllowedCallbackAsync(host);
        var later = await AllowedCallbackAsync(host);
        var (response, _) = await host.CallbackAsync(earlier.Uri, later.Cookie);
        await AssertFailedAsync(host, response, PinterestConnectFailureReason.StateReplayed);
    }

    [Fact]
    public async Task Callback_without_the_correlation_cookie_ends_in_the_hook_as_CorrelationMissing()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await AllowedCallbackAsync(host);
        var (response, _) = await host.CallbackAsync(callback.Uri, cookie: null);
        await AssertFailedAsync(host, response, PinterestConnectFailureReason.CorrelationMissing);
        Assert.Equal(0, host.Emulator.AuthorizationCodeExchangeCount);
    }

    [Fact]
    public async Task Denied_consent_ends_in_the_hook_as_AccessDenied()
    {
        await using var host = await ConnectTestHost.StartAsync();
        host.Emulator.ArrangeConsent(host.Emulator.AddAccount(), EmulatorConsentMode.Deny);
        var (authorize, cookie) = await host.ConnectAsync();
        var (response, _) = await host.CallbackAsync(await host.AuthorizeAsync(authorize), cookie);

        var failed = await AssertFailedAsync(host, response, PinterestConnectFailureReason.AccessDenied);
        Assert.Equal("access_denied", failed.ProviderError);
    }

    [Fact]
    public async Task Another_provider_error_ends_in_the_hook_as_ProviderError()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await AllowedCallbackAsync(host);
        var state = QueryHelpers.ParseQuery(callback.Uri.Query)["state"].ToString();
        var errored = new Uri($"http://localhost/pinterest/callback?error=server_error&state={Uri.EscapeDataString(state)}");
        var (response, _) = await host.CallbackAsync(errored, callback.Cookie);

        var failed = await AssertFailedAsync(host, response, PinterestConnectFailureReason.ProviderError);
        Assert.Equal("server_error", failed.ProviderError);
    }

    [Fact]
    public async Task Missing_scope_ends_in_the_hook_as_MissingScopes_naming_them()
    {
        await using var host = await ConnectTestHost.StartAsync();
        host.Emulator.ArrangeConsent(host.Emulator.AddAccount(), EmulatorConsentMode.Allow, grantedScope: "boards:read,pins:read,user_accounts:read");
        var (authorize, cookie) = await host.ConnectAsync();
        var (response, _) = await host.CallbackAsync(await host.AuthorizeAsync(authorize), cookie);

        var failed = await AssertFailedAsync(host, response, PinterestConnectFailureReason.MissingScopes);
        Assert.Equal(["boards:write", "pins:write"], failed.MissingScopes);
        Assert.Contains("boards:write, pins:write", failed.Message, StringComparison.Ordinal);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task Code_exchange_failure_ends_in_the_hook_as_CodeExchangeFailed()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await AllowedCallbackAsync(host);
        host.Emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.Status(HttpStatusCode.BadRequest, 283, "The authorization grant is invalid"));
        var (response, _) = await host.CallbackAsync(callback.Uri, callback.Cookie);

        var failed = await AssertFailedAsync(host, response, PinterestConnectFailureReason.CodeExchangeFailed);
        Assert.IsAssignableFrom<PinterestApiException>(failed.Exception);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task Refused_app_credentials_end_in_the_hook_as_AppCredentialsRejected()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await AllowedCallbackAsync(host);
        host.Emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.Status(HttpStatusCode.Unauthorized, 2, "Authentication failed."));
        var (response, _) = await host.CallbackAsync(callback.Uri, callback.Cookie);
        await AssertFailedAsync(host, response, PinterestConnectFailureReason.AppCredentialsRejected);
    }

    [Fact]
    public async Task Account_fetch_failure_ends_in_the_hook_as_AccountFetchFailed_and_stores_nothing()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await AllowedCallbackAsync(host);
        host.Emulator.InjectFault("GET /v5/user_account", EmulatorFault.Status(HttpStatusCode.Forbidden, 403, "Forbidden."), count: 10);
        var (response, _) = await host.CallbackAsync(callback.Uri, callback.Cookie);

        await AssertFailedAsync(host, response, PinterestConnectFailureReason.AccountFetchFailed);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task Connect_without_an_account_id_ends_in_the_hook_as_AccountIdUnavailable()
    {
        await using var host = await ConnectTestHost.StartAsync();
        using var response = await host.Client.GetAsync("/pinterest/connect");
        await AssertFailedAsync(host, response, PinterestConnectFailureReason.AccountIdUnavailable);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task A_foreign_return_url_is_replaced_by_the_root(string returnUrl)
    {
        await using var host = await ConnectTestHost.StartAsync();
        var account = host.Emulator.AddAccount();
        host.Emulator.ArrangeConsent(account, EmulatorConsentMode.Allow);
        var (authorize, cookie) = await host.ConnectAsync(returnUrl: returnUrl);
        await host.CallbackAsync(await host.AuthorizeAsync(authorize), cookie);
        Assert.Equal("/", Assert.Single(host.Hook.Connected).ReturnUrl);
    }

    internal static async Task<(Uri Uri, string Cookie)> AllowedCallbackAsync(ConnectTestHost host)
    {
        host.Emulator.ArrangeConsent(host.Emulator.AddAccount(), EmulatorConsentMode.Allow);
        var (authorize, cookie) = await host.ConnectAsync();
        return (await host.AuthorizeAsync(authorize), cookie);
    }

    private static Uri WithState(Uri callback, string state)
    {
        var query = QueryHelpers.ParseQuery(callback.Query);
        return new Uri(QueryHelpers.AddQueryString("http://localhost/pinterest/callback", new Dictionary<string, string?> { ["code"] = query["code"], ["state"] = state }));
    }

    private static async Task<PinterestConnectFailedContext> AssertFailedAsync(ConnectTestHost host, HttpResponseMessage response, PinterestConnectFailureReason reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("failed " + reason, await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Hook.Connected);
        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal(reason, failed.Reason);
        return failed;
    }
}
