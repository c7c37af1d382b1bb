using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.AspNetCore.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Tests.AspNetCore;

/// <summary>
/// An ASP.NET Core app on a TestServer with the connect endpoints at <c>/pinterest</c>, the emulator in memory and one
/// fake clock for both. The signed-in user is the <c>X-Test-User</c> header; the hook records what it is given.
/// </summary>
internal sealed class ConnectTestHost : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";

    private readonly WebApplication _app;
    private string _lastUser = "host-account-1";

    private ConnectTestHost(WebApplication app, PinterestEmulator emulator, FakeTimeProvider time, CapturingLoggerProvider logs)
    {
        _app = app;
        Emulator = emulator;
        Time = time;
        Logs = logs;
        Client = app.GetTestClient();
        EmulatorClient = emulator.CreateHttpClient();
    }

    public PinterestEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    public HttpClient Client { get; }

    public HttpClient EmulatorClient { get; }

    public IServiceProvider Services => _app.Services;

    public IPinterestTokenStore TokenStore => Services.GetRequiredService<IPinterestTokenStore>();

    public RecordingConnectHandler.Record Hook => Services.GetRequiredService<RecordingConnectHandler.Record>();

    public static async Task<ConnectTestHost> StartAsync(Action<PinterestConnectOptions>? configure = null, Action<IPinterestPublishingBuilder>? publishing = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = time });
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<RecordingConnectHandler.Record>();
        var pinterest = builder.Services.AddPinterestPublishing(_ => { })
            .UsePinterestEmulator(emulator)
            .AddPinterestConnect(options =>
            {
                options.AuthorizeEndpoint = emulator.AuthorizeAddress;
                options.AccountIdResolver = static context => ValueTask.FromResult<string?>(context.Request.Headers[UserHeader].FirstOrDefault());
                configure?.Invoke(options);
            })
            .AddPinterestConnectHandler<RecordingConnectHandler>();
        publishing?.Invoke(pinterest);
        var app = builder.Build();
        app.MapPinterestConnect("/pinterest");
        await app.StartAsync();
        return new ConnectTestHost(app, emulator, time, logs);
    }

    /// <summary>GET /pinterest/connect as <paramref name="user"/>: the redirect to the authorize page and the correlation cookie.</summary>
    public async Task<(Uri Authorize, string Cookie)> ConnectAsync(string user = "host-account-1", string? returnUrl = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pinterest/connect" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        request.Headers.Add(UserHeader, user);
        _lastUser = user;
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return (response.Headers.Location!, setCookie.Split(';')[0]);
    }

    /// <summary>The emulator's authorize page answers a direct redirect (arranged <see cref="EmulatorConsentMode.Allow"/> or Deny): the callback URL.</summary>
    public async Task<Uri> AuthorizeAsync(Uri authorize)
    {
        using var response = await EmulatorClient.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>
    /// GET the callback with <paramref name="cookie"/> (or none) as <paramref name="user"/> (default: the user of the last
    /// <see cref="ConnectAsync"/>; empty: nobody signed in); returns the answer and the cookie it sets, if any.
    /// </summary>
    public async Task<(HttpResponseMessage Response, string? Cookie)> CallbackAsync(Uri callback, string? cookie, string? user = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, callback.PathAndQuery);
        user ??= _lastUser;
        if (user.Length > 0)
        {
            request.Headers.Add(UserHeader, user);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await Client.SendAsync(request);
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.First().Split(';')[0] : null;
        return (response, setCookie);
    }

    /// <summary>Connects <paramref name="user"/> end to end with the emulator's account <paramref name="account"/> (direct allow).</summary>
    public async Task<HttpResponseMessage> ConnectEndToEndAsync(EmulatedAccount account, string user = "host-account-1")
    {
        Emulator.ArrangeConsent(account, EmulatorConsentMode.Allow);
        var (authorize, cookie) = await ConnectAsync(user);
        var (response, _) = await CallbackAsync(await AuthorizeAsync(authorize), cookie);
        return response;
    }

    /// <summary>
    /// POST the disconnect endpoint as <paramref name="user"/> with <paramref name="headers"/> (default: what a browser
    /// sends for a form on this site, <c>Sec-Fetch-Site: same-origin</c>).
    /// </summary>
    public Task<HttpResponseMessage> DisconnectAsync(string user = "host-account-1", string? returnUrl = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/pinterest/disconnect" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        request.Headers.Add(UserHeader, user);
        foreach (var (name, value) in headers.Length == 0 ? new[] { ("Sec-Fetch-Site", "same-origin") } : headers)
        {
            request.Headers.Add(name, value);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        EmulatorClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

/// <summary>The test's hook: records each context and answers a short text naming the outcome.</summary>
internal sealed class RecordingConnectHandler(RecordingConnectHandler.Record record) : IPinterestConnectHandler
{
    public ValueTask<IResult> OnConnectedAsync(PinterestConnectedContext context)
    {
        record.Connected.Enqueue(context);
        return ValueTask.FromResult(Results.Text("connected " + context.AccountId));
    }

    public ValueTask<IResult> OnDisconnectedAsync(PinterestDisconnectedContext context)
    {
        record.Disconnected.Enqueue(context);
        return ValueTask.FromResult(DisconnectAnswer.For(context));
    }

    public ValueTask<IResult> OnFailedAsync(PinterestConnectFailedContext context)
    {
        record.Failed.Enqueue(context);
        return ValueTask.FromResult(Results.Text("failed " + context.Reason, statusCode: StatusCodes.Status400BadRequest));
    }

    internal sealed class Record
    {
        public ConcurrentQueue<PinterestConnectedContext> Connected { get; } = new();

        public ConcurrentQueue<PinterestConnectFailedContext> Failed { get; } = new();

        public ConcurrentQueue<PinterestDisconnectedContext> Disconnected { get; } = new();
    }
}
