using System.Net;
using Pinterest.Publishing.AspNetCore;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// The callback stores the token only for the user who started connecting: the signed-in user at the callback must
/// resolve to the state's account id (a link with someone else's code and state must not bind their Pinterest account
/// to the account of whoever opens it, nor the reverse).
/// </summary>
public class CallbackAccountCheckTests
{
    [Fact]
    public async Task Another_signed_in_user_at_the_callback_ends_in_the_hook_as_AccountMismatch_and_stores_nothing()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await ConnectCallbackTests.AllowedCallbackAsync(host);

        var (response, _) = await host.CallbackAsync(callback.Uri, callback.Cookie, user: "host-account-2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(host.Hook.Connected);
        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal(PinterestConnectFailureReason.AccountMismatch, failed.Reason);
        Assert.Equal("host-account-1", failed.AccountId);
        Assert.DoesNotContain("host-account-2", failed.Message, StringComparison.Ordinal);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-2"));
    }

    [Fact]
    public async Task Nobody_signed_in_at_the_callback_ends_in_the_hook_as_AccountIdUnavailable_and_stores_nothing()
    {
        await using var host = await ConnectTestHost.StartAsync();
        var callback = await ConnectCallbackTests.AllowedCallbackAsync(host);

        var (response, _) = await host.CallbackAsync(callback.Uri, callback.Cookie, user: string.Empty);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(PinterestConnectFailureReason.AccountIdUnavailable, Assert.Single(host.Hook.Failed).Reason);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }
}
