using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Builds the API transports of the dependency-injection path: each over a new <see cref="HttpClient"/> of the
/// factory's named API client, all from the same settings and sharing one retry policy. The client provider and the
/// token refresher both take their transports here.
/// </summary>
internal sealed class PinterestApiTransportFactory
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly PinterestClientOptions _clientOptions;
    private readonly PinterestTelemetry _telemetry;
    private PinterestRetryPolicy _retryPolicy;

    public PinterestApiTransportFactory(
        IHttpClientFactory httpClientFactory,
        IOptions<PinterestPublishingOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        PinterestTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        _httpClientFactory = httpClientFactory;
        _telemetry = telemetry;
        _clientOptions = PinterestClientOptions.FromPublishingOptions(options.Value, timeProvider, loggerFactory, telemetry);
        _retryPolicy = new PinterestRetryPolicy(_clientOptions, _telemetry);
    }

    /// <summary>A transport over a new client of the factory's <see cref="PinterestHttpClientNames.Api"/> name.</summary>
    public PinterestApiTransport Create() =>
        new(_httpClientFactory.CreateClient(PinterestHttpClientNames.Api), _clientOptions, CurrentRetryPolicy());

    // One client per publish: building its Polly retry pipeline each time (Polly validates options by reflection) was a
    // large part of a publish's CPU. The policy is rebuilt only if the retry settings object was changed since.
    private PinterestRetryPolicy CurrentRetryPolicy()
    {
        var policy = Volatile.Read(ref _retryPolicy);
        if (!policy.IsFor(_clientOptions))
        {
            policy = new PinterestRetryPolicy(_clientOptions, _telemetry);
            Volatile.Write(ref _retryPolicy, policy);
        }

        return policy;
    }
}
