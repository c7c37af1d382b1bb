using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Pinterest.Publishing.Api;
using WireMock.Logging;
using WireMock.Server;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A WireMock server on 127.0.0.1, a fake clock, a fake credential and a client wired to them.</summary>
public sealed class ApiTestContext : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _httpClient = new();

    public ApiTestContext()
    {
        Server = LoopbackWireMock.Start();
        BaseAddress = new Uri(Server.Urls[0].TrimEnd('/') + "/");
        Time = new ObservableTimeProvider(Now);
        Logs = new FakeLogCollector();
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(Logs)).SetMinimumLevel(LogLevel.Trace));
    }

    public WireMockServer Server { get; }

    public Uri BaseAddress { get; }

    internal ObservableTimeProvider Time { get; }

    internal FakeCredential Credential { get; } = new();

    public FakeLogCollector Logs { get; }

    public ILoggerFactory LoggerFactory { get; }

    public PinterestClientOptions Options(Action<PinterestClientOptions>? configure = null)
    {
        var options = new PinterestClientOptions
        {
            ApiBaseAddress = BaseAddress,
            TimeProvider = Time,
            LoggerFactory = LoggerFactory,
            ClientId = "client-id-1",
            ClientSecret = "client-secret-1",
        };
        configure?.Invoke(options);
        return options;
    }

    internal PinterestClient Client(Action<PinterestClientOptions>? configure = null) =>
        new(_httpClient, Options(configure), tokenManager: null, Credential);

    internal PinterestClient ClientWithoutAccount(Action<PinterestClientOptions>? configure = null) =>
        new(_httpClient, Options(configure), tokenManager: null);

    public HttpClient HttpClient => _httpClient;

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.ToList();

    public ILogEntry SingleRequest() => Assert.Single(Server.LogEntries);

    public static JsonElement BodyJson(ILogEntry entry)
    {
        Assert.NotNull(entry.RequestMessage.Body);
        using var document = JsonDocument.Parse(entry.RequestMessage.Body!);
        return document.RootElement.Clone();
    }

    public static string? Header(ILogEntry entry, string name)
    {
        var headers = entry.RequestMessage.Headers;
        if (headers is null)
        {
            return null;
        }

        foreach (var (key, values) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(",", values);
            }
        }

        return null;
    }

    /// <summary>Completes <paramref name="task"/>, advancing the fake clock over each retry delay it starts.</summary>
    internal async Task<T> RunWithRetriesAsync<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            var timer = Time.NextTimerAsync();
            var finished = await Task.WhenAny(task, timer);
            if (finished == timer)
            {
                Time.Advance(await timer);
            }
        }

        return await task;
    }

    /// <summary>
    /// Awaits a call that must not be retried: fails (instead of hanging on the fake clock) if it starts a retry delay.
    /// </summary>
    internal async Task<T> WithoutRetryAsync<T>(Task<T> task)
    {
        await EnsureNoRetryAsync(task);
        return await task;
    }

    /// <inheritdoc cref="WithoutRetryAsync{T}(Task{T})"/>
    internal async Task WithoutRetryAsync(Task task)
    {
        await EnsureNoRetryAsync(task);
        await task;
    }

    private async Task EnsureNoRetryAsync(Task task)
    {
        using var stop = new CancellationTokenSource();
        var timer = Time.NextTimerAsync(stop.Token);
        var first = await Task.WhenAny(task, timer);
        await stop.CancelAsync();
        Assert.True(first == task, "The call started a retry delay: it was retried.");
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        _httpClient.Dispose();
        LoggerFactory.Dispose();
    }
}
