using System.Collections.Concurrent;
using System.Globalization;

namespace Pinterest.Publishing.Coordination.Internal;

/// <summary>
/// The default <see cref="IPinterestPublishLedger"/>: this process's memory, shared by every publish of the DI
/// container (one singleton). It holds across publishes of one instance only; several instances share a durable ledger
/// (the Pinterest.Publishing.EntityFrameworkCore package) instead.
/// </summary>
/// <remarks>
/// Claimed Pins and ambiguous attempts are kept for <see cref="Retention"/>, uploads still processing for
/// <see cref="ProcessingUploadRetention"/>; both are pruned as new entries arrive, so memory stays bounded by an hour
/// (a day) of this process's publishes.
/// </remarks>
internal sealed class InProcessPublishLedger(TimeProvider timeProvider) : IPinterestPublishLedger
{
    /// <summary>
    /// How long a claimed Pin or an ambiguous attempt is kept. A Pin can be matched by a reconciliation whose attempt
    /// started up to the clock-skew tolerance after it was made, and that reconciliation runs once the create has failed
    /// (after retries and the HTTP timeout); an hour covers both with room to spare.
    /// </summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>How long an upload left processing is remembered: longer than any sensible retry.</summary>
    internal static readonly TimeSpan ProcessingUploadRetention = TimeSpan.FromDays(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _claimedPins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProcessingUpload> _processingUploads = new(StringComparer.Ordinal);

    // Creates whose Pin is not known, guarded by itself: in flight, or ended ambiguously within the retention.
    private readonly Dictionary<string, Attempt> _attempts = new(StringComparer.Ordinal);
    private long _nextAttemptId;
    private long _nextPruneTicks;

    /// <summary>How many claimed Pin ids are held (for tests).</summary>
    internal int ClaimedPinCount => _claimedPins.Count;

    /// <inheritdoc />
    public ValueTask SetProcessingUploadAsync(string operationId, string? mediaId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        if (mediaId is null)
        {
            _processingUploads.TryRemove(operationId, out _);
            return ValueTask.CompletedTask;
        }

        var now = timeProvider.GetUtcNow();
        _processingUploads[operationId] = new ProcessingUpload(mediaId, now);

        // Operations retried by another process never come back here; forget uploads older than any sensible retry.
        foreach (var (id, upload) in _processingUploads)
        {
            if (now - upload.At > ProcessingUploadRetention)
            {
                _processingUploads.TryRemove(new KeyValuePair<string, ProcessingUpload>(id, upload));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<string?> GetProcessingUploadAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        return ValueTask.FromResult(_processingUploads.TryGetValue(operationId, out var upload)
            && timeProvider.GetUtcNow() - upload.At <= ProcessingUploadRetention ? upload.MediaId : null);
    }

    /// <inheritdoc />
    public ValueTask<string> BeginCreateAttemptAsync(string draftKey, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draftKey);
        var id = Interlocked.Increment(ref _nextAttemptId).ToString(CultureInfo.InvariantCulture);
        lock (_attempts)
        {
            _attempts.Add(id, new Attempt(draftKey, startedAt));
        }

        return ValueTask.FromResult(id);
    }

    /// <inheritdoc />
    public ValueTask EndCreateAttemptAsync(string attemptId, bool resolved, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attemptId);
        lock (_attempts)
        {
            if (resolved)
            {
                _attempts.Remove(attemptId);
            }
            else if (_attempts.TryGetValue(attemptId, out var attempt))
            {
                // The first end counts: an attempt resolved later (its Pin found) leaves; one ended twice keeps its time.
                attempt.EndedAt ??= endedAt;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> HasUnresolvedTwinAsync(string attemptId, string draftKey, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attemptId);
        ArgumentNullException.ThrowIfNull(draftKey);
        lock (_attempts)
        {
            foreach (var (id, other) in _attempts)
            {
                if (!string.Equals(id, attemptId, StringComparison.Ordinal)
                    && string.Equals(other.DraftKey, draftKey, StringComparison.Ordinal)
                    && (other.EndedAt is not { } ended || ended >= since))
                {
                    return ValueTask.FromResult(true);
                }
            }
        }

        return ValueTask.FromResult(false);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimPinAsync(string pinId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pinId);
        PruneIfDue(at);
        return ValueTask.FromResult(_claimedPins.TryAdd(pinId, at));
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks, due) != due)
        {
            return;
        }

        var cutoff = now - Retention;
        foreach (var (pinId, claimedAt) in _claimedPins)
        {
            if (claimedAt < cutoff)
            {
                _claimedPins.TryRemove(new KeyValuePair<string, DateTimeOffset>(pinId, claimedAt));
            }
        }

        lock (_attempts)
        {
            foreach (var (id, attempt) in _attempts)
            {
                if (attempt.EndedAt < cutoff)
                {
                    _attempts.Remove(id);
                }
            }
        }
    }

    private sealed class Attempt(string draftKey, DateTimeOffset startedAt)
    {
        public string DraftKey { get; } = draftKey;

        public DateTimeOffset StartedAt { get; } = startedAt;

        /// <summary>When the attempt ended without its Pin being known; <see langword="null"/> while in flight. Under the ledger's lock.</summary>
        public DateTimeOffset? EndedAt { get; set; }
    }

    private readonly record struct ProcessingUpload(string MediaId, DateTimeOffset At);
}
