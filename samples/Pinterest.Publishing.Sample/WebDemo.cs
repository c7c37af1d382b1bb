using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Sample;

/// <summary>
/// <c>--web</c>: a minimal web app that connects a Pinterest account (the emulator's authorize page stands in for
/// Pinterest's) and lists its boards. Open the address it prints; Ctrl+C stops it.
/// </summary>
internal static class WebDemo
{
    // One demo user: a real app takes the signed-in user's id (the default resolver reads the NameIdentifier claim).
    private const string AccountId = "sample-web-user";

    public static async Task<int> RunAsync(string[] args)
    {
        await using var emulator = new PinterestEmulator();
        var user = emulator.AddAccount("sample_user");
        emulator.AddBoard(user, "Recipes");
        emulator.AddBoard(user, "Travel");
        emulator.ArrangeConsent(user, EmulatorConsentMode.ShowPage);
        await emulator.StartServerAsync();

        var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--web").ToArray());
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPinterestPublishing(_ => { })
            .UsePinterestEmulator(emulator)
            .ProtectTokens()
            .AddPinterestConnect(options =>
            {
                options.AuthorizeEndpoint = emulator.AuthorizeAddress;
                options.AccountIdResolver = static _ => ValueTask.FromResult<string?>(AccountId);
            });

        var app = builder.Build();
        app.MapPinterestConnect("/pinterest");
        app.MapGet("/", HomeAsync);
        await app.StartAsync();
        Console.WriteLine($"Pinterest.Publishing web sample on {string.Join(", ", app.Urls)} (Pinterest emulator at {emulator.ServerAddress}). Ctrl+C stops it.");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static async Task HomeAsync(HttpContext context)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Pinterest.Publishing sample</title></head><body><h1>Pinterest.Publishing sample</h1>");
        if (await context.RequestServices.GetRequiredService<IPinterestTokenStore>().GetTokenAsync(AccountId, context.RequestAborted) is null)
        {
            html.Append("<p id=\"status\">Not connected</p><a id=\"connect\" href=\"/pinterest/connect?returnUrl=/\">Connect your Pinterest account</a>");
        }
        else
        {
            var client = context.RequestServices.GetRequiredService<PinterestClient>().ForAccount(AccountId);
            var me = await client.UserAccount.GetAsync(context.RequestAborted);
            html.Append("<p id=\"status\">Connected as ").Append(WebUtility.HtmlEncode(me.Username)).Append("</p><h2>Boards</h2><ul id=\"boards\">");
            await foreach (var board in client.Boards.GetBoardsAsync(cancellationToken: context.RequestAborted))
            {
                html.Append("<li>").Append(WebUtility.HtmlEncode(board.Name)).Append("</li>");
            }

            html.Append("</ul><form method=\"post\" action=\"/pinterest/disconnect?returnUrl=/\"><button id=\"disconnect\">Disconnect</button></form>");
        }

        await Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8").ExecuteAsync(context);
    }
}
