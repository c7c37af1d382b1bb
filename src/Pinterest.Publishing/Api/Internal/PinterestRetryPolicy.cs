using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Polly;
using Polly.Retry;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The retry of idempotent calls: a snapshot of <see cref="PinterestRetryOptions"/> and the Polly pipeline built from
/// it. Building the pipeline validates the strategy options through DataAnnotations (reflection), so the dependency
/// injection provider builds one policy and shares it between the <see cref="PinterestPipeline"/>s of its clients
/// instead of building one per client (that is, per publish). It holds no <see cref="HttpClient"/>.
/// </summary>
internal sealed class PinterestRetryPolicy
{
    /// <summary>The request being retried, as a property of the resilience context.</summary>
    public static readonly ResiliencePropertyKey<PinterestApiRequest> RequestKey = new("Pinterest.Publishing.Request");

    private readonly PinterestRetryOptions _retry;
    private readonly ILogger _logger;
    private readonly PinterestTelemetry _telemetry;

    /// <summary>Snapshots the retry settings of <paramref name="options"/> and builds the pipeline.</summary>
    public PinterestRetryPolicy(PinterestClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("Pinterest.Publishing.Api");
        _telemetry = options.Telemetry ?? PinterestTelemetry.Shared;

        // Snapshot: later changes to the options object do not change a built pipeline.
        var retry = options.Retry ?? new PinterestRetryOptions();
        _retry = new PinterestRetryOptions
        {
            MaxRetries = Math.Max(0, retry.MaxRetries),
            BaseDelay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            MaxRetryAfter = retry.MaxRetryAfter,
        };
        Pipeline = _retry.MaxRetries == 0 ? null : Build(options.TimeProvider ?? TimeProvider.System);
    }

    /// <summary>The retry pipeline, or <see langword="null"/> when retries are off.</summary>
    public ResiliencePipeline? Pipeline { get; }

    /// <summary>
    /// Whether this policy was built from the retry settings <paramref name="options"/> holds now (a host may change
    /// its options object after start; a new policy is then built, as a new pipeline always did).
    /// </summary>
    public bool IsFor(PinterestClientOptions options)
    {
        var retry = options.Retry ?? new PinterestRetryOptions();
        return Math.Max(0, retry.MaxRetries) == _retry.MaxRetries && retry.BaseDelay == _retry.BaseDelay
            && retry.MaxDelay == _retry.MaxDelay && retry.MaxRetryAfter == _retry.MaxRetryAfter;
    }

    private static string DescribeFailure(Exception? exception) => exception switch
    {
        PinterestApiException api => ApiLog.Describe(api.StatusCode),
        HttpRequestException http => $"a connection error ({http.HttpRequestError})",
        _ => "a transient failure",
    };

    private ResiliencePipeline Build(TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _retry.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome.Exception)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(GetDelay(args.Outcome.Exception, args.AttemptNumber)),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    if (request is not null)
                    {
                        ApiLog.Retrying(_logger, request.Method.Method, request.Path, args.AttemptNumber + 1, args.RetryDelay, DescribeFailure(args.Outcome.Exception));
                        _telemetry.RecordApiRetry(request.Method, args.Outcome.Exception is PinterestApiException { StatusCode: var status } && status != 0 ? (int)status : null);
                    }

                    return default;
                },
            })
            .Build();

    /// <summary>
    /// Whether a failed attempt of an idempotent call is tried again: a transient answer or a rate limit whose
    /// <c>Retry-After</c> is within the cap, or any HTTP transport failure (sent or not: the call is idempotent).
    /// </summary>
    internal bool ShouldRetry(Exception? exception) =>
        exception is not null
        && FailureClassifier.Classify(exception) is FailureKind.Transient or FailureKind.RateLimited or FailureKind.NotSent or FailureKind.TransportFailed
        && FailureClassifier.RetryAfterWithin(exception, _retry.MaxRetryAfter);

    private TimeSpan GetDelay(Exception? exception, int attemptNumber) =>
        exception is PinterestApiException { RetryAfter: { } retryAfter }
            ? retryAfter
            : Backoff.Exponential(_retry.BaseDelay, attemptNumber, _retry.MaxDelay, Backoff.SharedJitter);
}
