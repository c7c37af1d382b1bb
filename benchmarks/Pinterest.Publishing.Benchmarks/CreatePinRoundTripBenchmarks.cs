using System.Net.Http.Headers;
using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// <c>client.Pins.CreateAsync</c> on an in-memory handler against a hand-written <see cref="HttpClient"/> +
/// System.Text.Json call sending the same request (baseline; it uses the same source-generated contract so the
/// difference is the client's pipeline). Target: time and allocations ≤ 1.5× the baseline, both with a fixed access
/// token and over a token store holding a cached, non-expiring token.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class CreatePinRoundTripBenchmarks
{
    private const string AccessToken = "pina_benchmark-access-token";
    private static readonly Uri PinsUri = new("https://api.pinterest.com/v5/pins");

    private readonly CreatePinRequest _request = SamplePins.ImageRequest();
    private HttpClient _httpClient = null!;
    private PinterestClient _fixedToken = null!;
    private PinterestClient _tokenStore = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _httpClient = new HttpClient(new CannedPinHandler(SamplePins.CreatedPinJson(), AccessToken));
        _fixedToken = new PinterestClient(_httpClient, AccessToken);

        var store = new InMemoryPinterestTokenStore();
        await store.StoreTokenAsync("account-1", new PinterestToken
        {
            AccessToken = AccessToken,
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            RefreshToken = "pinr_benchmark-refresh-token",
            RefreshTokenExpiresAt = DateTimeOffset.UtcNow.AddDays(60),
        });
        _tokenStore = new PinterestClient(_httpClient, store, "account-1");

        // Same answer on every path.
        var ids = new[] { (await HandWritten()).Id, (await FixedToken()).Id, (await TokenStore()).Id };
        if (ids.Distinct().Count() != 1)
        {
            throw new InvalidOperationException("The paths disagree.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _httpClient.Dispose();

    [Benchmark(Baseline = true, Description = "HttpClient + STJ (hand-written)")]
    public async Task<Pin> HandWritten()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, PinsUri)
        {
            Content = JsonContent.Create(_request, PinterestJsonContext.Default.CreatePinRequest),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(PinterestJsonContext.Default.Pin) ?? throw new InvalidOperationException("No Pin.");
    }

    [Benchmark(Description = "PinterestClient, fixed token")]
    public Task<Pin> FixedToken() => _fixedToken.Pins.CreateAsync(_request);

    [Benchmark(Description = "PinterestClient, token store")]
    public Task<Pin> TokenStore() => _tokenStore.Pins.CreateAsync(_request);

    private sealed class Config : ManualConfig
    {
        public Config() => Add(BenchmarkJobs.Config(BenchmarkJobs.Micro()));
    }
}
