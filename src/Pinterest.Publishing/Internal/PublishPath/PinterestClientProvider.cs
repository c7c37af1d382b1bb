using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Builds <see cref="PinterestClient"/>s over the factory's named API client and one process-wide token manager, so
/// token refresh is single-flight across every client and publish of the process.
/// </summary>
internal sealed class PinterestClientProvider : IPinterestTokenRefresher
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly PinterestClientOptions _clientOptions;
    private PinterestRetryPolicy _retryPolicy;

    public PinterestClientProvider(
        IHttpClientFactory httpClientFactory,
        IOptions<PinterestPublishingOptions> options,
        IPinterestTokenStore tokenStore,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        PinterestTelemetry telemetry)
    {
        _httpClientFactory = httpClientFactory;
        var settings = options.Value;
        _clientOptions = PinterestClientOptions.FromPublishingOptions(settings, timeProvider, loggerFactory, telemetry);
        _retryPolicy = new PinterestRetryPolicy(_clientOptions);
        TokenManager = new PinterestTokenManager(tokenStore, this, timeProvider, settings.TokenRefreshMargin, loggerFactory.CreateLogger<PinterestTokenManager>(), telemetry);
    }

    public PinterestTokenManager TokenManager { get; }

    /// <summary>A client without an account (OAuth works; other calls need <see cref="PinterestClient.ForAccount(string)"/>).</summary>
    public PinterestClient Create() => new(_httpClientFactory.CreateClient(PinterestHttpClientNames.Api), _clientOptions, TokenManager, credential: null, CurrentRetryPolicy());

    // One client per publish: building its retry pipeline each time (Polly validates options by reflection) was a
    // large part of a publish's CPU. The policy is rebuilt only if the retry settings object was changed since.
    private PinterestRetryPolicy CurrentRetryPolicy()
    {
        var policy = Volatile.Read(ref _retryPolicy);
        if (!policy.IsFor(_clientOptions))
        {
            policy = new PinterestRetryPolicy(_clientOptions);
            Volatile.Write(ref _retryPolicy, policy);
        }

        return policy;
    }

    /// <summary>A client for one account.</summary>
    public PinterestClient ForAccount(string accountId) => Create().ForAccount(accountId);

    // The token manager outlives any one HttpClient from the factory, so each refresh takes a fresh one.
    Task<PinterestToken> IPinterestTokenRefresher.RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        ((IPinterestTokenRefresher)Create().OAuth).RefreshAsync(refreshToken, cancellationToken);
}
