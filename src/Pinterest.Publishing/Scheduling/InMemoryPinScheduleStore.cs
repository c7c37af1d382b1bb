using System.Globalization;

namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// A thread-safe <see cref="IPinScheduleStore"/> in process memory, for samples, tests and single-instance tools.
/// Scheduled Pins are lost when the process ends: production hosts implement <see cref="IPinScheduleStore"/> over their
/// database (its remarks show how).
/// </summary>
public sealed class InMemoryPinScheduleStore : IPinScheduleStore, IPinScheduler, IPinScheduleStoreHealth
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PinPublishOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, PinPublishOutcome>> _completed = [];
    private long _sequence;

    /// <summary>Schedules a Pin.</summary>
    /// <param name="request">What to publish.</param>
    /// <param name="dueAt">When to publish it.</param>
    /// <returns>The scheduled Pin, with a new id and no lease.</returns>
    public ScheduledPin Schedule(PublishPinRequest request, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var sequence = ++_sequence;
            var pin = new ScheduledPin { Id = sequence.ToString("D", CultureInfo.InvariantCulture), Request = request, DueAt = dueAt };
            _pending.Add(pin.Id, new Entry(pin, sequence));
            return pin;
        }
    }

    /// <inheritdoc />
    /// <remarks>Kept in memory, the request is not turned into JSON: even a stream video source is accepted.</remarks>
    public Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Schedule(request, dueAt));
    }

    /// <inheritdoc />
    public Task<PinPublishOutcome?> GetOutcomeAsync(string scheduledPinId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(GetOutcome(scheduledPinId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            var claimable = _pending.Values
                .Where(e => e.Pin.DueAt <= now && (e.Pin.LeaseExpiresAt is not { } expires || expires <= now))
                .OrderBy(e => e.Pin.DueAt)
                .ThenBy(e => e.Sequence)
                .Take(maxCount)
                .ToArray();

            var claimed = new ScheduledPin[claimable.Length];
            for (var i = 0; i < claimable.Length; i++)
            {
                var entry = claimable[i];
                entry.Pin = entry.Pin with
                {
                    Attempt = entry.Pin.Attempt + 1,
                    LeaseToken = Guid.NewGuid().ToString("N"),
                    LeaseExpiresAt = now + lease,
                };
                claimed[i] = entry.Pin;
            }

            return Task.FromResult<IReadOnlyList<ScheduledPin>>(claimed);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The Pin was never scheduled in this store.</exception>
    public Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentNullException.ThrowIfNull(outcome);
        cancellationToken.ThrowIfCancellationRequested();

        lock (_gate)
        {
            if (!_pending.TryGetValue(pin.Id, out var entry))
            {
                if (_outcomes.ContainsKey(pin.Id))
                {
                    // Already final: a repeated or late completion changes nothing.
                    return Task.FromResult(false);
                }

                throw new ArgumentException($"The Pin '{pin.Id}' was not scheduled in this store.", nameof(pin));
            }

            if (pin.LeaseToken is null || !string.Equals(entry.Pin.LeaseToken, pin.LeaseToken, StringComparison.Ordinal))
            {
                // The lease expired and the Pin was claimed again (or never claimed): the current claimer decides.
                return Task.FromResult(false);
            }

            if (outcome is PinPublishOutcome.RetryAt retry)
            {
                // A wait for a rate limit gives the claim back: it never uses up MaxAttempts.
                var attempt = retry.CountsAsAttempt ? entry.Pin.Attempt : Math.Max(0, entry.Pin.Attempt - 1);
                entry.Pin = entry.Pin with { DueAt = retry.At, Attempt = attempt, LeaseToken = null, LeaseExpiresAt = null };
                entry.LastOutcome = outcome;
            }
            else
            {
                _pending.Remove(pin.Id);
                _outcomes.Add(pin.Id, outcome);
                _completed.Add(KeyValuePair.Create(pin.Id, outcome));
            }

            return Task.FromResult(true);
        }
    }

    /// <summary>
    /// The final outcome of a Pin, or the last <see cref="PinPublishOutcome.RetryAt"/> of a Pin that is scheduled again;
    /// <see langword="null"/> when it has none yet.
    /// </summary>
    public PinPublishOutcome? GetOutcome(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (_gate)
        {
            return _outcomes.TryGetValue(id, out var outcome) ? outcome
                : _pending.TryGetValue(id, out var entry) ? entry.LastOutcome
                : null;
        }
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            DateTimeOffset? oldest = null;
            foreach (var entry in _pending.Values)
            {
                var pin = entry.Pin;
                if (pin.DueAt <= now && (pin.LeaseExpiresAt is not { } expires || expires <= now) && (oldest is null || pin.DueAt < oldest))
                {
                    oldest = pin.DueAt;
                }
            }

            return Task.FromResult(oldest);
        }
    }

    /// <summary>A snapshot of the Pins with a final outcome, in completion order.</summary>
    public IReadOnlyList<KeyValuePair<string, PinPublishOutcome>> GetCompleted()
    {
        lock (_gate)
        {
            return _completed.ToArray();
        }
    }

    /// <summary>A snapshot of the Pins still to publish (claimed or not), earliest due first.</summary>
    public IReadOnlyList<ScheduledPin> GetPending()
    {
        lock (_gate)
        {
            return _pending.Values.OrderBy(e => e.Pin.DueAt).ThenBy(e => e.Sequence).Select(e => e.Pin).ToArray();
        }
    }

    private sealed class Entry(ScheduledPin pin, long sequence)
    {
        public ScheduledPin Pin { get; set; } = pin;

        public long Sequence { get; } = sequence;

        public PinPublishOutcome? LastOutcome { get; set; }
    }
}
