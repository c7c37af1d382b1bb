using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// The connect flow in headless Chromium: a page on a real Kestrel (loopback), the emulator's authorize page on its own
/// loopback server; click Connect, click Allow, land back connected and see the account's boards.
/// </summary>
public class ConnectBrowserTests
{
    private const string User = "browser-user";

    // Generous: the suite runs beside PostgreSQL tests on two cores; a step that needs this long is still a failure.
    private const float StepTimeoutMs = 90_000;

    [ChromiumFact]
    public async Task Connect_in_a_browser_lands_back_connected_with_the_boards_listed()
    {
        await using var emulator = new PinterestEmulator();
        var account = emulator.AddAccount("browser_maker");
        emulator.AddBoard(account, "Kitchen ideas");
        emulator.AddBoard(account, "Garden");
        emulator.ArrangeConsent(account, EmulatorConsentMode.ShowPage);
        await emulator.StartServerAsync();

        await using var app = await StartAppAsync(emulator);
        var appAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExternalServices.ChromiumExecutable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(appAddress + "/");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Not connected", new() { Timeout = StepTimeoutMs });

        // Each step waits for the element it needs and polls the URL (web-first assertions), never for a page lifecycle
        // event: on a loaded CI machine the "load" event was missed after the redirect chain (emulator → callback → /),
        // and WaitForURLAsync waits for one when the URL already matches.
        await page.Locator("#connect").ClickAsync(new() { Timeout = StepTimeoutMs });
        await Assertions.Expect(page).ToHaveURLAsync(
            new Regex("^" + Regex.Escape(emulator.AuthorizeAddress.AbsoluteUri)), new() { Timeout = StepTimeoutMs });
        await page.Locator("#allow").ClickAsync(new() { Timeout = StepTimeoutMs });
        await Assertions.Expect(page).ToHaveURLAsync(
            new Regex("^" + Regex.Escape(appAddress + "/") + "(?!pinterest/)"), new() { Timeout = StepTimeoutMs });

        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Connected as browser_maker", new() { Timeout = StepTimeoutMs });
        var boards = await page.Locator("#boards li").AllInnerTextsAsync();
        Assert.Equal(["Garden", "Kitchen ideas"], boards.Order(StringComparer.Ordinal));
    }

    private static async Task<WebApplication> StartAppAsync(PinterestEmulator emulator)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPinterestPublishing(_ => { })
            .UsePinterestEmulator(emulator)
            .AddPinterestConnect(options =>
            {
                options.AuthorizeEndpoint = emulator.AuthorizeAddress;
                options.AccountIdResolver = static _ => ValueTask.FromResult<string?>(User);
            });
        var app = builder.Build();
        app.MapPinterestConnect("/pinterest");
        app.MapGet("/", async context =>
        {
            var html = new StringBuilder("<!DOCTYPE html><html><body>");
            if (await context.RequestServices.GetRequiredService<IPinterestTokenStore>().GetTokenAsync(User, context.RequestAborted) is null)
            {
                html.Append("<p id=\"status\">Not connected</p><a id=\"connect\" href=\"/pinterest/connect?returnUrl=/\">Connect Pinterest</a>");
            }
            else
            {
                var client = context.RequestServices.GetRequiredService<PinterestClient>().ForAccount(User);
                var me = await client.UserAccount.GetAsync(context.RequestAborted);
                html.Append("<p id=\"status\">Connected as ").Append(WebUtility.HtmlEncode(me.Username)).Append("</p><ul id=\"boards\">");
                await foreach (var board in client.Boards.GetBoardsAsync(cancellationToken: context.RequestAborted))
                {
                    html.Append("<li>").Append(WebUtility.HtmlEncode(board.Name)).Append("</li>");
                }

                html.Append("</ul>");
            }

            await Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8").ExecuteAsync(context);
        });
        await app.StartAsync();
        return app;
    }
}
