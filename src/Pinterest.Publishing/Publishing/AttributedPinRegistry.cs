using System.Collections.Concurrent;

namespace Pinterest.Publishing;

/// <summary>
/// The Pin ids this process has already handed to a publish, recent enough that a reconciliation could still see them.
/// Reconciliation matches on the draft's content, so without this two identical drafts on one board would both be
/// reported as the one Pin that exists: the second publish would claim success while its Pin was never made.
/// </summary>
internal sealed class AttributedPinRegistry(TimeProvider timeProvider)
{
    // A Pin can be matched by a reconciliation whose attempt started up to the clock-skew tolerance after it was made,
    // and that reconciliation runs once the create has failed (after retries and the HTTP timeout); an hour covers both
    // with room to spare while keeping the set to an hour of this process's publishes.
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _attributed = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    /// <summary>Records a Pin a create call returned: it belongs to that publish.</summary>
    public void Record(string pinId) => _ = TryClaim(pinId);

    /// <summary>Claims a Pin for one publish; false when another publish of this process already has it.</summary>
    public bool TryClaim(string pinId)
    {
        var now = timeProvider.GetUtcNow();
        PruneIfDue(now);
        return _attributed.TryAdd(pinId, now);
    }

    /// <summary>How many Pin ids are held (for tests).</summary>
    internal int Count => _attributed.Count;

    private void PruneIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPruneTicks, (now + PruneInterval).UtcTicks, due) != due)
        {
            return;
        }

        var cutoff = now - Retention;
        foreach (var (pinId, attributedAt) in _attributed)
        {
            if (attributedAt < cutoff)
            {
                _attributed.TryRemove(new KeyValuePair<string, DateTimeOffset>(pinId, attributedAt));
            }
        }
    }
}
