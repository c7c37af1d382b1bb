namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// What the dispatcher's loop last did, for the health check: when its last round began, whether every publish slot
/// was busy then (the loop then waits for a slot, not for the poll interval) and whether the round's claim failed.
/// </summary>
internal sealed class DispatcherHeartbeat
{
    private readonly Lock _gate = new();
    private Beat? _last;

    /// <summary>The last round, or <see langword="null"/> before the first.</summary>
    public Beat? Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    public void RoundStarted(DateTimeOffset at, bool allSlotsBusy)
    {
        lock (_gate)
        {
            _last = new Beat(at, allSlotsBusy, ClaimFailed: false);
        }
    }

    public void ClaimFailed(string exceptionType)
    {
        lock (_gate)
        {
            if (_last is { } last)
            {
                _last = last with { ClaimFailed = true, Failure = exceptionType };
            }
        }
    }

    /// <summary>One round of the loop.</summary>
    /// <param name="At">When it began.</param>
    /// <param name="AllSlotsBusy">Whether every publish slot was busy (nothing could be claimed).</param>
    /// <param name="ClaimFailed">Whether the store's claim threw.</param>
    internal sealed record Beat(DateTimeOffset At, bool AllSlotsBusy, bool ClaimFailed)
    {
        /// <summary>The type of the claim's exception.</summary>
        public string? Failure { get; init; }
    }
}
