using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Polly;
using Polly.Retry;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The send-and-retry stage of <see cref="PinterestApiTransport"/>: runs the attempts of an idempotent call through a
/// Polly <see cref="Polly.ResiliencePipeline"/> (the only "pipeline" of this library) built from a snapshot of
/// <see cref="PinterestRetryOptions"/>; what is retried, the failure classifier decides. Building the Polly pipeline
/// validates the strategy options through DataAnnotations (reflection), so the dependency injection provider builds
/// one policy and shares it between the transports of its clients instead of building one per client (that is, per
/// publish). It holds no <see cref="HttpClient"/>.
/// </summary>
internal sealed class PinterestRetryPolicy
{
    /// <summary>The request being retried, as a property of the resilience context.</summary>
    public static readonly ResiliencePropertyKey<PinterestApiRequest> RequestKey = new("Pinterest.Publishing.Request");

    private readonly PinterestRetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PinterestTelemetry _telemetry;

    /// <summary>Snapshots the retry settings of <paramref name="options"/> and builds the pipeline.</summary>
    /// <param name="options">The client settings: retries, clock and logger factory.</param>
    /// <param name="telemetry">Where retries are counted: the DI singleton, or the one a public non-DI entry point chose.</param>
    public PinterestRetryPolicy(PinterestClientOptions options, PinterestTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger(ApiLog.CategoryName);
        _telemetry = telemetry;

        // Snapshot: later changes to the options object do not change a built pipeline.
        var retry = options.Retry ?? new PinterestRetryOptions();
        _retry = new PinterestRetryOptions
        {
            MaxRetries = Math.Max(0, retry.MaxRetries),
            BaseDelay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            MaxRetryAfter = retry.MaxRetryAfter,
            RateLimitDelay = retry.RateLimitDelay,
            MaxRateLimitDelay = retry.MaxRateLimitDelay,
        };
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        ResiliencePipeline = _retry.MaxRetries == 0 ? null : Build(_timeProvider);
    }

    /// <summary>The Polly retry pipeline, or <see langword="null"/> when retries are off.</summary>
    public ResiliencePipeline? ResiliencePipeline { get; }

    /// <summary>
    /// Runs <paramref name="attempt"/> once, or, for an idempotent <paramref name="request"/> while retries are on,
    /// again after each failure the policy retries, waiting its delay on the options' <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="request">The request: whether it is idempotent, and what the retry log names.</param>
    /// <param name="attempt">One attempt: its answer of a success status, or an exception.</param>
    /// <param name="state">What <paramref name="attempt"/> works on (kept across attempts).</param>
    /// <param name="cancellationToken">Cancels the attempts and the waits between them.</param>
    public async Task<HttpResponseMessage> ExecuteAsync<TState>(
        PinterestApiRequest request,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> attempt,
        TState state,
        CancellationToken cancellationToken)
    {
        if (!(request.IsIdempotent || request.IsResentWhenNotProcessed) || ResiliencePipeline is null)
        {
            return await attempt(state, cancellationToken).ConfigureAwait(false);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RequestKey, request);
            return await ResiliencePipeline.ExecuteAsync(
                static (ctx, s) => new ValueTask<HttpResponseMessage>(s.Attempt(s.State, ctx.CancellationToken)),
                context,
                (Attempt: attempt, State: state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Whether this policy was built from the retry settings <paramref name="options"/> holds now (a host may change
    /// its options object after start; a new policy is then built, as a new pipeline always did).
    /// </summary>
    public bool IsFor(PinterestClientOptions options)
    {
        var retry = options.Retry ?? new PinterestRetryOptions();
        return Math.Max(0, retry.MaxRetries) == _retry.MaxRetries && retry.BaseDelay == _retry.BaseDelay
            && retry.MaxDelay == _retry.MaxDelay && retry.MaxRetryAfter == _retry.MaxRetryAfter
            && retry.RateLimitDelay == _retry.RateLimitDelay && retry.MaxRateLimitDelay == _retry.MaxRateLimitDelay;
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
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Context.Properties.GetValue(RequestKey, null!), args.Outcome.Exception, args.AttemptNumber)),
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
    /// Whether a failed attempt of an idempotent call is tried again: a transient answer, a rate limit, or any HTTP
    /// transport failure (sent or not: the call is idempotent), while its wait (<see cref="Backoff.Retry"/>) is within
    /// <see cref="PinterestRetryOptions.MaxRetryAfter"/>. A rate limit without <c>Retry-After</c> waits
    /// <see cref="PinterestRetryOptions.RateLimitDelay"/>, doubling: with the defaults it is retried once, after a
    /// minute, and a second one surfaces, since a longer wait inside one call serves no caller better than the error.
    /// </summary>
    /// <param name="exception">The attempt's failure.</param>
    /// <param name="attemptNumber">How many retries came before (0 after the first attempt).</param>
    internal bool ShouldRetry(Exception? exception, int attemptNumber = 0) => ShouldRetry(request: null, exception, attemptNumber);

    /// <summary>
    /// Whether a failed attempt of <paramref name="request"/> is tried again: as <see cref="ShouldRetry(Exception?, int)"/>
    /// for an idempotent call (or an unknown one); for one that is only resent when not processed
    /// (<see cref="PinterestApiRequest.IsResentWhenNotProcessed"/>), only a failure that proves it (a refused connection,
    /// a 429). Either way not when the wait Pinterest asks for is past <see cref="PinterestRetryOptions.MaxRetryAfter"/>.
    /// </summary>
    /// <param name="request">The request that failed, when known.</param>
    /// <param name="exception">The attempt's failure.</param>
    /// <param name="attemptNumber">How many retries came before (0 after the first attempt).</param>
    internal bool ShouldRetry(PinterestApiRequest? request, Exception? exception, int attemptNumber = 0) =>
        exception is not null
        && FailureClassifier.Classify(exception) is var kind
        && (request is { IsIdempotent: false }
            ? kind is FailureKind.RateLimited or FailureKind.NotSent
            : kind is FailureKind.Transient or FailureKind.RateLimited or FailureKind.NotSent or FailureKind.TransportFailed)
        && Backoff.Retry(exception, attemptNumber, _retry, _timeProvider.GetUtcNow()) is not null;

    // Only asked after ShouldRetry agreed, so a wait exists; no wait is the safe answer should it not.
    private TimeSpan GetDelay(Exception? exception, int attemptNumber) =>
        exception is null ? TimeSpan.Zero : Backoff.Retry(exception, attemptNumber, _retry, _timeProvider.GetUtcNow()) ?? TimeSpan.Zero;
}
