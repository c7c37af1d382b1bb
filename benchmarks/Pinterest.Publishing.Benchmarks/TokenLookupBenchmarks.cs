using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// The access-token lookup every API call makes, on a non-expiring token in the in-memory store: it must allocate
/// nothing. The baseline reads the store directly.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TokenLookupBenchmarks
{
    private const string AccountId = "account-1";

    private readonly InMemoryPinterestTokenStore _store = new();
    private PinterestTokenManager _manager = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        await _store.StoreTokenAsync(AccountId, new PinterestToken
        {
            AccessToken = "pina_benchmark-access-token",
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            RefreshToken = "pinr_benchmark-refresh-token",
        });
        _manager = new PinterestTokenManager(_store, new NeverRefresher(), TimeProvider.System, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared);
    }

    [Benchmark(Baseline = true, Description = "InMemoryPinterestTokenStore.GetTokenAsync")]
    public Task<PinterestToken?> StoreRead() => _store.GetTokenAsync(AccountId, CancellationToken.None);

    [Benchmark(Description = "PinterestTokenManager.GetAccessTokenAsync")]
    public ValueTask<string> ManagerLookup() => _manager.GetAccessTokenAsync(AccountId, CancellationToken.None);

    private sealed class NeverRefresher : IPinterestTokenRefresher
    {
        public Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A non-expiring token must not be refreshed.");
    }

    private sealed class Config : ManualConfig
    {
        public Config() => Add(BenchmarkJobs.Config(BenchmarkJobs.Micro()));
    }
}
