using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.AspNetCore.Internal;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// Every failure reaches the host's hook saying which operation failed, a resolver that throws included (never a 500),
/// and the default hook words connect and disconnect failures apart.
/// </summary>
public class FailureAnswerTests
{
    private const string ResolverSecret = "resolver-detail-7d1f";

    [Fact]
    public async Task A_resolver_that_throws_at_connect_ends_in_the_hook_as_AccountIdResolverFailed()
    {
        var resolver = new SwitchableResolver { Throws = true };
        await using var host = await ConnectTestHost.StartAsync(resolver.Install);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pinterest/connect");
        request.Headers.Add(ConnectTestHost.UserHeader, "host-account-1");

        using var response = await host.Client.SendAsync(request);

        AssertResolverFailure(host, response, PinterestConnectOperation.Connect);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_resolver_that_throws_at_the_callback_ends_in_the_hook_and_stores_nothing()
    {
        var resolver = new SwitchableResolver();
        await using var host = await ConnectTestHost.StartAsync(resolver.Install);
        var callback = await ConnectCallbackTests.AllowedCallbackAsync(host);
        resolver.Throws = true;

        var (response, _) = await host.CallbackAsync(callback.Uri, callback.Cookie);

        using (response)
        {
            var failed = AssertResolverFailure(host, response, PinterestConnectOperation.Connect);
            Assert.Equal("host-account-1", failed.AccountId);
        }

        Assert.Empty(host.Hook.Connected);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task A_resolver_that_throws_at_disconnect_ends_in_the_hook_and_keeps_the_token()
    {
        var resolver = new SwitchableResolver();
        await using var host = await ConnectTestHost.StartAsync(resolver.Install);
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        resolver.Throws = true;

        using var response = await host.DisconnectAsync();

        AssertResolverFailure(host, response, PinterestConnectOperation.Disconnect);
        Assert.Empty(host.Hook.Disconnected);
        Assert.NotNull(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task The_default_hook_words_a_disconnect_failure_as_a_disconnect_failure()
    {
        await using var host = await ConnectTestHost.StartAsync(publishing: UseDefaultHook);

        using var response = await host.DisconnectAsync(headers: ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Disconnecting the Pinterest account failed (ForgeryCheckFailed).", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_default_hook_words_a_connect_failure_as_a_connect_failure()
    {
        await using var host = await ConnectTestHost.StartAsync(publishing: UseDefaultHook);

        using var response = await host.Client.GetAsync("/pinterest/connect");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Connecting the Pinterest account failed (AccountIdUnavailable).", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_default_hook_answers_a_resolver_failure_with_a_short_page_not_an_exception()
    {
        var resolver = new SwitchableResolver { Throws = true };
        await using var host = await ConnectTestHost.StartAsync(resolver.Install, UseDefaultHook);

        using var response = await host.DisconnectAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Disconnecting the Pinterest account failed (AccountIdResolverFailed).", await response.Content.ReadAsStringAsync());
    }

    private static void UseDefaultHook(IPinterestPublishingBuilder publishing) =>
        publishing.Services.AddScoped<IPinterestConnectHandler, DefaultConnectHandler>();

    private static PinterestConnectFailedContext AssertResolverFailure(ConnectTestHost host, HttpResponseMessage response, PinterestConnectOperation operation)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal((PinterestConnectFailureReason.AccountIdResolverFailed, operation), (failed.Reason, failed.Operation));
        Assert.IsType<InvalidOperationException>(failed.Exception);
        Assert.Contains("AccountIdResolver", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ResolverSecret, failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Contains(ResolverSecret, StringComparison.Ordinal));
        return failed;
    }

    /// <summary>Resolves the test host's user header, or throws (with a detail that must not reach a log) once told to.</summary>
    private sealed class SwitchableResolver
    {
        public bool Throws { get; set; }

        public void Install(PinterestConnectOptions options) =>
            options.AccountIdResolver = context => Throws
                ? throw new InvalidOperationException("The user directory is unreachable: " + ResolverSecret)
                : ValueTask.FromResult<string?>(context.Request.Headers[ConnectTestHost.UserHeader].FirstOrDefault());
    }
}
