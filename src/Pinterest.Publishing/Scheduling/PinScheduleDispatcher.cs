using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// The hosted service added by <c>AddPinScheduling()</c>: claims due Pins from <see cref="IPinScheduleStore"/> with a
/// lease, publishes them and completes each with its outcome. Stopping the host stops the claiming; publishes already
/// running finish, because abandoning a create half-way would leave its outcome unknown.
/// </summary>
internal sealed partial class PinScheduleDispatcher : BackgroundService
{
    private readonly IPinScheduleStore _store;
    private readonly IPinPublisher _publisher;
    private readonly PinSchedulingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public PinScheduleDispatcher(IPinScheduleStore store, IPinPublisher publisher, IOptions<PinSchedulingOptions> options, TimeProvider timeProvider, ILogger<PinScheduleDispatcher> logger)
    {
        _store = store;
        _publisher = publisher;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int processed;
            try
            {
                processed = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A store outage must not kill the dispatcher; the next round tries again.
                LogRoundFailed(_logger, ex);
                processed = 0;
            }

            if (processed < _options.BatchSize)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Claims one batch, publishes it and completes every Pin; returns how many were claimed.</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await _store.ClaimDueAsync(_timeProvider.GetUtcNow(), _options.BatchSize, _options.Lease, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentPublishes };
        await Parallel.ForEachAsync(claimed, parallel, async (pin, _) => await PublishOneAsync(pin).ConfigureAwait(false)).ConfigureAwait(false);
        return claimed.Count;
    }

    private async Task PublishOneAsync(ScheduledPin pin)
    {
        PinPublishOutcome outcome;
        try
        {
            // Not the stopping token: a create cancelled after it was sent would have an unknown outcome.
            var result = _publisher is PinPublisher publisher
                ? await publisher.PublishAsync(pin.Request, CreateDeadline(pin), CancellationToken.None).ConfigureAwait(false)
                : await _publisher.PublishAsync(pin.Request, CancellationToken.None).ConfigureAwait(false);
            outcome = PinPublishOutcomeMapper.FromResult(result);
        }
        catch (Exception ex)
        {
            outcome = PinPublishOutcomeMapper.FromException(ex, Math.Max(pin.Attempt, 1), _timeProvider.GetUtcNow(), _options);
        }

        LogCompleted(_logger, pin.Id, pin.Request.AccountId, outcome.Kind, pin.Attempt);
        try
        {
            await _store.CompleteAsync(pin, outcome, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The lease will expire and the Pin will be claimed again; for a Published outcome that means the
            // dispatcher publishes again, so make this loud.
            LogCompleteFailed(_logger, pin.Id, outcome.Kind, ex);
        }
    }

    // Leave a margin before the lease ends: the create itself takes time, and clocks of instances differ.
    private DateTimeOffset? CreateDeadline(ScheduledPin pin) =>
        pin.LeaseExpiresAt is { } leaseEnd ? leaseEnd - TimeSpan.FromTicks(Math.Min(_options.Lease.Ticks / 10, TimeSpan.FromMinutes(1).Ticks)) : null;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Scheduled Pin {ScheduledPinId} of account {AccountId}: {Outcome} (attempt {Attempt}).")]
    private static partial void LogCompleted(ILogger logger, string scheduledPinId, string accountId, PinPublishOutcomeKind outcome, int attempt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Could not record outcome {Outcome} of scheduled Pin {ScheduledPinId}; it will be claimed again when its lease expires.")]
    private static partial void LogCompleteFailed(ILogger logger, string scheduledPinId, PinPublishOutcomeKind outcome, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "A scheduling round failed; retrying after the poll interval.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
