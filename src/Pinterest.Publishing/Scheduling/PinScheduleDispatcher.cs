using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// The hosted service added by <c>AddPinScheduling()</c>: claims due Pins from <see cref="IPinScheduleStore"/> with a
/// lease, publishes them and completes each with its outcome. Stopping the host stops the claiming; publishes already
/// running finish, because abandoning a create half-way would leave its outcome unknown. A video whose processing
/// outlived the deadline is not uploaded again when its Pin is retried by this instance: the retry waits for that upload.
/// </summary>
internal sealed partial class PinScheduleDispatcher : BackgroundService
{
    private readonly IPinScheduleStore _store;
    private readonly IPinPublisher _publisher;
    private readonly PinSchedulingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal static readonly TimeSpan ProcessingUploadRetention = TimeSpan.FromDays(1);

    // Scheduled Pin id → the upload still processing when its last attempt gave up, and when that was. Process-local:
    // the store contract carries no media id, so another instance retrying the Pin uploads again (a cost, not a duplicate).
    private readonly ConcurrentDictionary<string, (string MediaId, DateTimeOffset At)> _processingUploads = new(StringComparer.Ordinal);

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
        var request = pin.Request;
        try
        {
            request = WithProcessingUpload(pin);
            // Not the stopping token: a create cancelled after it was sent would have an unknown outcome.
            var result = _publisher is PinPublisher publisher
                ? await publisher.PublishAsync(request, CreateDeadline(pin), CancellationToken.None).ConfigureAwait(false)
                : await _publisher.PublishAsync(request, CancellationToken.None).ConfigureAwait(false);
            outcome = PinPublishOutcomeMapper.FromResult(result);
        }
        catch (Exception ex)
        {
            outcome = PinPublishOutcomeMapper.FromException(ex, Math.Max(pin.Attempt, 1), _timeProvider.GetUtcNow(), _options);
            if (ex is PinterestMediaProcessingException { Code: PinterestMediaProcessingException.TranscodeTimeoutCode } timeout
                && outcome.Kind == PinPublishOutcomeKind.RetryAt && request.Media is VideoPinMedia)
            {
                RememberProcessingUpload(pin.Id, timeout.MediaId);
            }
            else if (ex is PinterestApiException { StatusCode: HttpStatusCode.NotFound } && !ReferenceEquals(request, pin.Request)
                && _processingUploads.TryRemove(pin.Id, out var gone))
            {
                // The remembered upload is gone from Pinterest (expired, say): that is no fault of the draft, so the
                // next attempt uploads the video again instead of the Pin being rejected.
                LogProcessingUploadGone(_logger, pin.Id, gone.MediaId);
                outcome = PinPublishOutcomeMapper.FromException(
                    new PinterestMediaProcessingException(ex.Message, gone.MediaId, PinterestMediaProcessingException.TranscodeTimeoutCode, ex),
                    Math.Max(pin.Attempt, 1),
                    _timeProvider.GetUtcNow(),
                    _options);
            }
        }

        if (outcome.Kind != PinPublishOutcomeKind.RetryAt)
        {
            _processingUploads.TryRemove(pin.Id, out _);
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

    /// <summary>The Pin's request, with its video replaced by the upload a previous attempt left processing.</summary>
    private PublishPinRequest WithProcessingUpload(ScheduledPin pin)
    {
        if (pin.Request.Media is not VideoPinMedia video || !_processingUploads.TryGetValue(pin.Id, out var upload))
        {
            return pin.Request;
        }

        LogResumingUpload(_logger, pin.Id, upload.MediaId);
        return pin.Request with { Media = video with { Source = VideoSource.FromUploadedMedia(upload.MediaId) } };
    }

    private void RememberProcessingUpload(string scheduledPinId, string mediaId)
    {
        if (mediaId.Length == 0 || mediaId.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            // Not a media id Pinterest gave (a custom publisher's exception, say): nothing to resume from.
            return;
        }

        var now = _timeProvider.GetUtcNow();
        _processingUploads[scheduledPinId] = (mediaId, now);

        // Pins retried by another instance never come back here; forget uploads older than any sensible retry.
        foreach (var (id, upload) in _processingUploads)
        {
            if (now - upload.At > ProcessingUploadRetention)
            {
                _processingUploads.TryRemove(new KeyValuePair<string, (string, DateTimeOffset)>(id, upload));
            }
        }
    }

    // Leave a margin before the lease ends: the create itself takes time, and clocks of instances differ.
    private DateTimeOffset? CreateDeadline(ScheduledPin pin) =>
        pin.LeaseExpiresAt is { } leaseEnd ? leaseEnd - TimeSpan.FromTicks(Math.Min(_options.Lease.Ticks / 10, TimeSpan.FromMinutes(1).Ticks)) : null;

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Scheduled Pin {ScheduledPinId}: video upload {MediaId} is no longer on Pinterest; the next attempt uploads the video again.")]
    private static partial void LogProcessingUploadGone(ILogger logger, string scheduledPinId, string mediaId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Scheduled Pin {ScheduledPinId}: waiting for video upload {MediaId}, still processing after the last attempt, instead of uploading again.")]
    private static partial void LogResumingUpload(ILogger logger, string scheduledPinId, string mediaId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Scheduled Pin {ScheduledPinId} of account {AccountId}: {Outcome} (attempt {Attempt}).")]
    private static partial void LogCompleted(ILogger logger, string scheduledPinId, string accountId, PinPublishOutcomeKind outcome, int attempt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Could not record outcome {Outcome} of scheduled Pin {ScheduledPinId}; it will be claimed again when its lease expires.")]
    private static partial void LogCompleteFailed(ILogger logger, string scheduledPinId, PinPublishOutcomeKind outcome, Exception exception);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "A scheduling round failed; retrying after the poll interval.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
