using System.Collections.Concurrent;
using System.Globalization;

namespace Pinterest.Publishing.Coordination.Internal;

/// <summary>
/// The default <see cref="IPinterestPublishLedger"/>: this process's memory, shared by every publish of the DI
/// container (one singleton). It holds across publishes of one instance only; several instances share a durable ledger
/// (the Pinterest.Publishing.EntityFrameworkCore package) instead.
/// </summary>
/// <remarks>
/// Claimed Pins, and ambiguous attempts after their end (or abandoned ones after their in-flight bound), are kept for <see cref="Retention"/>, uploads still processing for
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

    // How long a claimed Pin is remembered: twice Retention, see Prune.
    internal static readonly TimeSpan ClaimRetention = 2 * Retention;

    /// <summary>How long an upload left processing is remembered: longer than any sensible retry.</summary>
    internal static readonly TimeSpan ProcessingUploadRetention = TimeSpan.FromDays(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Claim> _claimedPins = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProcessingUpload> _processingUploads = new(StringComparer.Ordinal);

    // Creates whose Pin is not known, guarded by itself: in flight, or ended ambiguously (or abandoned in flight) within
    // the retention.
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
    public ValueTask<string> BeginCreateAttemptAsync(string operationId, string draftKey, DateTimeOffset startedAt, DateTimeOffset inFlightUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        ArgumentNullException.ThrowIfNull(draftKey);
        PruneIfDue(startedAt);
        var id = Interlocked.Increment(ref _nextAttemptId).ToString(CultureInfo.InvariantCulture);
        lock (_attempts)
        {
            _attempts.Add(id, new Attempt(operationId, draftKey, startedAt, inFlightUntil));
        }

        return ValueTask.FromResult(id);
    }

    /// <inheritdoc />
    public ValueTask EndCreateAttemptAsync(string attemptId, bool resolved, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attemptId);
        lock (_attempts)
        {
            if (!_attempts.TryGetValue(attemptId, out var attempt))
            {
                return ValueTask.CompletedTask;
            }

            if (resolved)
            {
                // The operation's Pin is known, or its earlier attempts were looked for before this one: those that ended
                // (or were abandoned past their bound) go with it. One still in flight may be another live caller's
                // create of the same operation: it stays until its own end.
                foreach (var (id, other) in _attempts)
                {
                    if (string.Equals(other.OperationId, attempt.OperationId, StringComparison.Ordinal)
                        && (ReferenceEquals(other, attempt) || other.EndedAt is not null || other.EndedBy < endedAt))
                    {
                        _attempts.Remove(id);
                    }
                }
            }
            else
            {
                // The first end counts: an attempt resolved later (its Pin found) leaves; one ended twice keeps its time.
                attempt.EndedAt ??= endedAt;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DateTimeOffset?> GetUnresolvedCreateAttemptStartAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        DateTimeOffset? earliest = null;
        lock (_attempts)
        {
            foreach (var attempt in _attempts.Values)
            {
                if (string.Equals(attempt.OperationId, operationId, StringComparison.Ordinal) && !(attempt.StartedAt >= earliest))
                {
                    earliest = attempt.StartedAt;
                }
            }
        }

        return ValueTask.FromResult(earliest);
    }

    /// <inheritdoc />
    public ValueTask<bool> HasUnresolvedTwinAsync(string operationId, string draftKey, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        ArgumentNullException.ThrowIfNull(draftKey);
        lock (_attempts)
        {
            foreach (var other in _attempts.Values)
            {
                if (!string.Equals(other.OperationId, operationId, StringComparison.Ordinal)
                    && string.Equals(other.DraftKey, draftKey, StringComparison.Ordinal)
                    && other.EndedBy >= since)
                {
                    return ValueTask.FromResult(true);
                }
            }
        }

        return ValueTask.FromResult(false);
    }

    /// <inheritdoc />
    public ValueTask<string?> GetClaimedPinAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operationId);

        // A scan: claims are bounded by an hour of this process's publishes, and this runs once per publish with an id.
        foreach (var (pinId, claim) in _claimedPins)
        {
            if (string.Equals(claim.OperationId, operationId, StringComparison.Ordinal))
            {
                return ValueTask.FromResult<string?>(pinId);
            }
        }

        return ValueTask.FromResult<string?>(null);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryClaimPinAsync(string pinId, string operationId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pinId);
        ArgumentNullException.ThrowIfNull(operationId);
        PruneIfDue(at);
        var claim = _claimedPins.GetOrAdd(pinId, new Claim(operationId, at));
        return ValueTask.FromResult(string.Equals(claim.OperationId, operationId, StringComparison.Ordinal));
    }

    private void PruneIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks, due) != due)
        {
            return;
        }

        Prune(now);
    }

    /// <summary>Forgets what the contract no longer needs as of <paramref name="now"/> (tests call it directly).</summary>
    internal void Prune(DateTimeOffset now)
    {
        var cutoff = now - Retention;

        // Claims outlive the attempts whose searches they answer (an attempt is kept for Retention after it ends, which
        // can be well after the Pins it might match were claimed): a pruned claim would let a late search adopt a Pin
        // another publish owns.
        var claimsCutoff = now - ClaimRetention;
        foreach (var (pinId, claim) in _claimedPins)
        {
            if (claim.At < claimsCutoff)
            {
                _claimedPins.TryRemove(new KeyValuePair<string, Claim>(pinId, claim));
            }
        }

        lock (_attempts)
        {
            foreach (var (id, attempt) in _attempts)
            {
                if (attempt.EndedBy < cutoff)
                {
                    _attempts.Remove(id);
                }
            }
        }
    }

    private sealed class Attempt(string operationId, string draftKey, DateTimeOffset startedAt, DateTimeOffset inFlightUntil)
    {
        public string OperationId { get; } = operationId;

        public string DraftKey { get; } = draftKey;

        public DateTimeOffset StartedAt { get; } = startedAt;

        /// <summary>When the attempt ended without its Pin being known; <see langword="null"/> while in flight. Under the ledger's lock.</summary>
        public DateTimeOffset? EndedAt { get; set; }

        /// <summary>When it ended, or at the latest will have: a create still "in flight" past its bound was abandoned.</summary>
        public DateTimeOffset EndedBy => EndedAt ?? inFlightUntil;
    }

    private sealed record Claim(string OperationId, DateTimeOffset At);

    private readonly record struct ProcessingUpload(string MediaId, DateTimeOffset At);
}
