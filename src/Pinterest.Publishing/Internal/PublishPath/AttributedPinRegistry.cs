using System.Collections.Concurrent;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Which Pins of this process belong to which publish. Reconciliation matches on the draft's content, so two drafts with
/// the same board and text could be given one Pin: the registry holds the Pin ids already handed to a publish (recent
/// enough that a reconciliation could still see them) and the creates whose Pin is not known: those still in flight,
/// and those that failed ambiguously and have not found their Pin (it may exist, and the board may list it late). A
/// matching Pin cannot be told apart from such a create's, so a reconciliation never claims one while such a create
/// of an identical draft overlaps its own.
/// </summary>
internal sealed class AttributedPinRegistry(TimeProvider timeProvider)
{
    // A Pin can be matched by a reconciliation whose attempt started up to the clock-skew tolerance after it was made,
    // and that reconciliation runs once the create has failed (after retries and the HTTP timeout); an hour covers both
    // with room to spare while keeping the set to an hour of this process's publishes.
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _attributed = new(StringComparer.Ordinal);

    // Creates whose Pin is not known, guarded by itself: in flight, or ended ambiguously within the retention.
    private readonly List<CreateScope> _unresolved = [];
    private long _nextPruneTicks;

    /// <summary>How many Pin ids are held (for tests).</summary>
    internal int Count => _attributed.Count;

    /// <summary>
    /// Marks a create of a draft with this text as in flight. Its scope says how it ended: <see cref="CreateScope.Resolve"/>
    /// once its Pin is known or it surely made none; disposing it unresolved leaves it ambiguous (its Pin may exist).
    /// </summary>
    /// <param name="draftKey">The draft's <see cref="DraftKey"/>.</param>
    public CreateScope BeginCreate(string draftKey)
    {
        var scope = new CreateScope(this, draftKey);
        lock (_unresolved)
        {
            _unresolved.Add(scope);
        }

        return scope;
    }

    /// <summary>
    /// Whether a create of an identical draft other than <paramref name="own"/> has a Pin nobody knows that could have
    /// been made at or after <paramref name="since"/>: it is in flight, or it ended ambiguously at or after that time.
    /// </summary>
    public bool HasUnresolvedTwin(CreateScope own, DateTimeOffset since)
    {
        lock (_unresolved)
        {
            return _unresolved.Exists(other => !ReferenceEquals(other, own)
                && string.Equals(other.DraftKey, own.DraftKey, StringComparison.Ordinal)
                && (other.EndedAt is not { } ended || ended >= since));
        }
    }

    /// <summary>
    /// What reconciliation compares, as one string: board, title, description and link, normalised as
    /// <see cref="BoardSearch.Matches"/> compares them (media kind left out, so the key is never finer).
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

    private void End(CreateScope scope, bool resolved)
    {
        lock (_unresolved)
        {
            if (resolved)
            {
                _unresolved.Remove(scope);
            }
            else
            {
                scope.EndedAt ??= timeProvider.GetUtcNow();
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

        lock (_unresolved)
        {
            _unresolved.RemoveAll(scope => scope.EndedAt < cutoff);
        }
    }

    /// <summary>One create of a draft, from its call until its Pin is known or it surely made none.</summary>
    internal sealed class CreateScope(AttributedPinRegistry registry, string draftKey) : IDisposable
    {
        /// <summary>The draft's <see cref="AttributedPinRegistry.DraftKey"/>.</summary>
        public string DraftKey { get; } = draftKey;

        /// <summary>When the call ended without its Pin being known; <see langword="null"/> while in flight. Under the registry's lock.</summary>
        internal DateTimeOffset? EndedAt { get; set; }

        /// <summary>The create's Pin is known (returned or found) or the create surely made none: no twin needs to wait for it.</summary>
        public void Resolve() => registry.End(this, resolved: true);

        /// <summary>Ends the in-flight mark; unless resolved, the create stays ambiguous (its Pin may exist).</summary>
        public void Dispose() => registry.End(this, resolved: false);
    }
}
