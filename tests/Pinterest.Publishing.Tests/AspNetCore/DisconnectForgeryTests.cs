using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// Without antiforgery registered, <c>POST /pinterest/disconnect</c> is accepted only from this site: the browser's
/// <c>Sec-Fetch-Site</c>, else <c>Origin</c>, else <c>Referer</c> must say same-origin; a request with none is refused.
/// </summary>
public class DisconnectForgeryTests
{
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "https://localhost")]
    [InlineData("Referer", "http://evil.example/page")]
    [InlineData("Referer", "http://localhost.evil.example/")]
    public async Task A_cross_site_post_is_refused_in_the_hook_and_keeps_the_token(string header, string value)
    {
        await using var host = await ConnectedHostAsync();

        using var response = await host.DisconnectAsync(headers: (header, value));

        await AssertRefusedAsync(host, response);
    }

    [Fact]
    public async Task A_post_without_Sec_Fetch_Site_Origin_or_Referer_is_refused()
    {
        await using var host = await ConnectedHostAsync();

        using var response = await host.DisconnectAsync(headers: ("X-Unrelated", "1"));

        await AssertRefusedAsync(host, response);
    }

    [Fact]
    public async Task Sec_Fetch_Site_decides_over_a_same_origin_Origin()
    {
        await using var host = await ConnectedHostAsync();

        using var response = await host.DisconnectAsync(headers: [("Sec-Fetch-Site", "cross-site"), ("Origin", "http://localhost")]);

        await AssertRefusedAsync(host, response);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Referer", "http://localhost/settings")]
    public async Task A_same_origin_post_disconnects(string header, string value)
    {
        await using var host = await ConnectedHostAsync();

        using var response = await host.DisconnectAsync(headers: (header, value));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(host.Hook.Failed);
        Assert.Null(await host.TokenStore.GetTokenAsync("host-account-1"));
    }

    [Fact]
    public async Task With_antiforgery_registered_a_same_origin_post_without_its_token_is_refused()
    {
        await using var host = await ConnectedHostAsync(p => p.Services.AddAntiforgery());

        using var response = await host.DisconnectAsync();

        await AssertRefusedAsync(host, response);
    }

    private static async Task<ConnectTestHost> ConnectedHostAsync(Action<IPinterestPublishingBuilder>? publishing = null)
    {
        var host = await ConnectTestHost.StartAsync(publishing: publishing);
        await host.ConnectEndToEndAsync(host.Emulator.AddAccount());
        return host;
    }

    private static async Task AssertRefusedAsync(ConnectTestHost host, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var failed = Assert.Single(host.Hook.Failed);
        Assert.Equal(PinterestConnectFailureReason.ForgeryCheckFailed, failed.Reason);
        Assert.Empty(host.Hook.Disconnected);
        Assert.NotNull(await host.TokenStore.GetTokenAsync("host-account-1"));
    }
}
