using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>
/// The hosted keep-alive sweep: every interval it refreshes the accounts the catalog lists as expiring within the
/// renewal margin, logs one account's failure without stopping, and stops with the host.
/// </summary>
public sealed class AccountKeepAliveSweepTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    private readonly ObservableTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly PinterestEmulator _emulator;
    private readonly FakeCatalog _catalog = new();
    private readonly CapturingLoggerProvider _logs = new();

    public AccountKeepAliveSweepTests() => _emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = _time });

    [Fact]
    public async Task Each_sweep_renews_every_listed_account_and_one_failure_does_not_stop_it()
    {
        await using var services = Build(withCatalog: true);
        var store = services.GetRequiredService<IPinterestTokenStore>();
        var issued = new Dictionary<string, PinterestToken>();
        foreach (var account in new[] { "a", "b" })
        {
            // The refresh token runs out in 10 days: within the 14-day renewal margin.
            var token = _emulator.IssueTokens(_emulator.AddAccount($"user_{account}"));
            issued[account] = token;
            await store.StoreTokenAsync(account, token with { RefreshTokenExpiresAt = _time.GetUtcNow().AddDays(10) });
        }

        _catalog.Accounts = ["a", "missing", "b"];
        var sweep = Assert.Single(services.GetServices<IHostedService>());
        await sweep.StartAsync(CancellationToken.None);
        await NextSweepWaitAsync();

        Assert.Equal([_time.Start.AddDays(14)], _catalog.AskedBefore);
        Assert.Equal(2, _emulator.TokenRefreshCount);
        Assert.NotEqual(issued["a"].RefreshToken, (await store.GetTokenAsync("a"))!.RefreshToken);
        Assert.NotEqual(issued["b"].RefreshToken, (await store.GetTokenAsync("b"))!.RefreshToken);
        Assert.Contains(_logs.Entries, e => e.Contains("[2017]", StringComparison.Ordinal) && e.Contains("AccountId=missing", StringComparison.Ordinal) && e.Contains("PinterestReauthorizationRequiredException", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Contains("[2020]", StringComparison.Ordinal) && e.Contains("Listed=3", StringComparison.Ordinal) && e.Contains("Renewed=2", StringComparison.Ordinal) && e.Contains("Failed=1", StringComparison.Ordinal));
        foreach (var token in issued.Values)
        {
            Assert.DoesNotContain(_logs.Entries, e => e.Contains(token.AccessToken, StringComparison.Ordinal) || e.Contains(token.RefreshToken!, StringComparison.Ordinal));
        }

        _time.Advance(Interval);
        await NextSweepWaitAsync();

        Assert.Equal([_time.Start.AddDays(14), _time.Start.AddDays(14) + Interval], _catalog.AskedBefore);
        Assert.Equal(2, _emulator.TokenRefreshCount); // renewed for 60 days now: not due again

        await sweep.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_failed_listing_is_logged_and_tried_again_at_the_next_interval()
    {
        await using var services = Build(withCatalog: true);
        _catalog.FailNext = true;
        var sweep = Assert.Single(services.GetServices<IHostedService>());

        await sweep.StartAsync(CancellationToken.None);
        await NextSweepWaitAsync();
        Assert.Contains(_logs.Entries, e => e.Contains("[2019]", StringComparison.Ordinal));

        _time.Advance(Interval);
        await NextSweepWaitAsync();
        Assert.Equal(2, _catalog.AskedBefore.Count);
        await sweep.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_the_host_stops_the_sweep()
    {
        await using var services = Build(withCatalog: true);
        var sweep = (BackgroundService)Assert.Single(services.GetServices<IHostedService>());
        await sweep.StartAsync(CancellationToken.None);
        await NextSweepWaitAsync();

        await sweep.StopAsync(CancellationToken.None);
        _time.Advance(Interval * 3);

        Assert.True(sweep.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Single(_catalog.AskedBefore);
    }

    [Fact]
    public async Task Without_a_catalog_the_sweep_says_so_and_does_nothing()
    {
        await using var services = Build(withCatalog: false);
        var sweep = (BackgroundService)Assert.Single(services.GetServices<IHostedService>());

        await sweep.StartAsync(CancellationToken.None);
        await sweep.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(_logs.Entries, e => e.Contains("[2016]", StringComparison.Ordinal) && e.Contains("IPinterestAccountCatalog", StringComparison.Ordinal));
        Assert.Empty(_catalog.AskedBefore);
    }

    [Fact]
    public void Adding_the_sweep_twice_registers_it_once()
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).AddAccountKeepAliveSweep().AddAccountKeepAliveSweep();

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    private ServiceProvider Build(bool withCatalog)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        if (withCatalog)
        {
            services.AddSingleton<IPinterestAccountCatalog>(_catalog);
        }

        services.AddPinterestPublishing(_ => { }).UsePinterestEmulator(_emulator).AddAccountKeepAliveSweep();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Waits until the sweep has finished and waits for the next interval.</summary>
    private async Task NextSweepWaitAsync()
    {
        while (await _time.NextTimerAsync() != Interval)
        {
        }
    }

    private sealed class FakeCatalog : IPinterestAccountCatalog
    {
        public string[] Accounts { get; set; } = [];

        public bool FailNext { get; set; }

        public List<DateTimeOffset> AskedBefore { get; } = [];

        public async IAsyncEnumerable<string> GetAccountsExpiringBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            AskedBefore.Add(before);
            await Task.Yield();
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("The catalog's database is down.");
            }

            foreach (var account in Accounts)
            {
                yield return account;
            }
        }
    }
}
