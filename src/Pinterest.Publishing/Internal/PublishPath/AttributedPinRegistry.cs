using System.Collections.Concurrent;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Which Pins of this process belong to which publish. Reconciliation matches on the draft's content, so two drafts with
/// the same board and text could be given one Pin: the registry holds the Pin ids already handed to a publish (recent
/// enough that a reconciliation could still see them) and the creates still in flight per draft text, whose Pins are
/// not known yet and so cannot be told apart from the Pin a reconciliation is looking for.
/// </summary>
internal sealed class AttributedPinRegistry(TimeProvider timeProvider)
{
    // A Pin can be matched by a reconciliation whose attempt started up to the clock-skew tolerance after it was made,
    // and that reconciliation runs once the create has failed (after retries and the HTTP timeout); an hour covers both
    // with room to spare while keeping the set to an hour of this process's publishes.
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _attributed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _createsInFlight = new(StringComparer.Ordinal);
    private long _nextPruneTicks;

    /// <summary>Marks a create of a draft with this text as in flight until the returned scope is disposed.</summary>
    /// <param name="draftKey">The draft's <see cref="DraftKey"/>.</param>
    public CreateScope BeginCreate(string draftKey)
    {
        lock (_createsInFlight)
        {
            _createsInFlight[draftKey] = _createsInFlight.GetValueOrDefault(draftKey) + 1;
        }

        return new CreateScope(this, draftKey);
    }

    /// <summary>Whether a create of a draft with this text is waiting for its answer.</summary>
    public bool HasCreateInFlight(string draftKey)
    {
        lock (_createsInFlight)
        {
            return _createsInFlight.ContainsKey(draftKey);
        }
    }

    /// <summary>
    /// What reconciliation compares, as one string: board, title, description and link, normalised as
    /// <see cref="DuplicateSafePinCreator.Matches"/> compares them (media kind left out, so the key is never finer).
    /// </summary>
    public static string DraftKey(string boardId, string? title, string? description, string? link)
    {
        var normalisedLink = Uri.TryCreate(link, UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.Unescaped)
            : link ?? string.Empty;
        return string.Join('\n', boardId, (title ?? string.Empty).Trim(), (description ?? string.Empty).Trim(), normalisedLink);
    }

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

    private void EndCreate(string draftKey)
    {
        lock (_createsInFlight)
        {
            var count = _createsInFlight[draftKey] - 1;
            if (count == 0)
            {
                _createsInFlight.Remove(draftKey);
            }
            else
            {
                _createsInFlight[draftKey] = count;
            }
        }
    }

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

    /// <summary>Ends a create's in-flight mark.</summary>
    internal readonly struct CreateScope(AttributedPinRegistry registry, string draftKey) : IDisposable
    {
        public void Dispose() => registry.EndCreate(draftKey);
    }
}
