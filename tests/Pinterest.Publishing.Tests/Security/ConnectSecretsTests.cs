using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.AspNetCore;

namespace Pinterest.Publishing.Tests.Security;

public class ConnectSecretsTests
{
    [Fact]
    public async Task No_token_code_client_secret_or_state_reaches_a_log_line_or_a_failure_message()
    {
        await using var host = await ConnectTestHost.StartAsync();
        List<string> secrets = [host.Emulator.Options.ClientSecret];
        List<string> messages = [];

        // Success.
        var account = host.Emulator.AddAccount();
        host.Emulator.ArrangeConsent(account, EmulatorConsentMode.Allow);
        var (authorize, cookie) = await host.ConnectAsync("ok");
        var callback = await host.AuthorizeAsync(authorize);
        Remember(callback, cookie);
        await host.CallbackAsync(callback, cookie);
        var token = (await host.TokenStore.GetTokenAsync("ok"))!;
        secrets.Add(token.AccessToken);
        secrets.Add(token.RefreshToken!);

        // Failures after the code reached the app: exchange refused, account fetch refused, replay, tampering.
        foreach (var (route, fault) in new[]
        {
            ("POST /v5/oauth/token", EmulatorFault.Status(HttpStatusCode.BadRequest, 283, "The authorization grant is invalid")),
            ("POST /v5/oauth/token", EmulatorFault.Status(HttpStatusCode.Unauthorized, 2, "Authentication failed.")),
            ("GET /v5/user_account", EmulatorFault.Status(HttpStatusCode.Forbidden, 403, "Forbidden.")),
        })
        {
            (authorize, cookie) = await host.ConnectAsync("failing");
            callback = await host.AuthorizeAsync(authorize);
            Remember(callback, cookie);
            host.Emulator.InjectFault(route, fault);
            var (response, consumed) = await host.CallbackAsync(callback, cookie);
            messages.Add(await response.Content.ReadAsStringAsync());
            await host.CallbackAsync(callback, consumed);
            await host.CallbackAsync(new Uri(callback.AbsoluteUri.Replace("state=", "state=x", StringComparison.Ordinal)), cookie);
        }

        await host.DisconnectAsync("ok");
        messages.AddRange(host.Hook.Failed.Select(f => f.Message + " " + f.Exception));

        // The library's own lines: ASP.NET Core's request logging writes the callback's URL, query included, which is
        // the host's logging configuration (README: Connect accounts).
        var library = host.Logs.Entries.Where(e => e.Split(' ', 3)[1].StartsWith("Pinterest.Publishing", StringComparison.Ordinal)).ToList();
        Assert.Contains(library, e => e.Contains("PinterestConnectFailed", StringComparison.Ordinal) || e.Contains("[11002]", StringComparison.Ordinal));
        foreach (var secret in secrets.Where(s => s.Length >= 8))
        {
            Assert.DoesNotContain(library, entry => entry.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(messages, message => message.Contains(secret, StringComparison.Ordinal));
        }

        void Remember(Uri callbackUri, string correlation)
        {
            var query = QueryHelpers.ParseQuery(callbackUri.Query);
            secrets.Add(query["code"].ToString());
            secrets.Add(query["state"].ToString());
            secrets.Add(correlation.Split('=', 2)[1]);
        }
    }
}
