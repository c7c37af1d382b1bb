using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Which Pins belong to which publish, kept in the <see cref="IPinterestPublishLedger"/> (this process's memory by
/// default, the host's database with a durable ledger, so it holds across instances). Reconciliation matches on the
/// draft's content, so two drafts with the same board and text could be given one Pin: the ledger holds the Pin ids
/// already handed to a publish (recent enough that a reconciliation could still see them) and the creates whose Pin is
/// not known: those still in flight, and those that failed ambiguously and have not found their Pin (it may exist, and
/// the board may list it late). A matching Pin cannot be told apart from such a create's, so a reconciliation never
/// claims one while such a create of an identical draft overlaps its own.
/// </summary>
internal sealed class AttributedPinRegistry(TimeProvider timeProvider, IPinterestPublishLedger ledger)
{
    /// <summary>
    /// Marks a create of a draft with this text as in flight. Its scope says how it ended: <see cref="CreateScope.ResolveAsync"/>
    /// once its Pin is known or it surely made none; disposing it unresolved leaves it ambiguous (its Pin may exist).
    /// </summary>
    /// <param name="draftKey">The draft's <see cref="DraftKey"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<CreateScope> BeginCreateAsync(string draftKey, CancellationToken cancellationToken)
    {
        var id = await ledger.BeginCreateAttemptAsync(draftKey, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new CreateScope(this, id, draftKey);
    }

    /// <summary>
    /// Whether a create of an identical draft other than <paramref name="own"/> has a Pin nobody knows that could have
    /// been made at or after <paramref name="since"/>: it is in flight, or it ended ambiguously at or after that time.
    /// </summary>
    public ValueTask<bool> HasUnresolvedTwinAsync(CreateScope own, DateTimeOffset since, CancellationToken cancellationToken) =>
        ledger.HasUnresolvedTwinAsync(own.AttemptId, own.DraftKey, since, cancellationToken);

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
    public async Task RecordAsync(string pinId, CancellationToken cancellationToken) =>
        _ = await TryClaimAsync(pinId, cancellationToken).ConfigureAwait(false);

    /// <summary>Claims a Pin for one publish; false when another publish (of any instance sharing the ledger) already has it.</summary>
    public ValueTask<bool> TryClaimAsync(string pinId, CancellationToken cancellationToken) =>
        ledger.TryClaimPinAsync(pinId, timeProvider.GetUtcNow(), cancellationToken);

    private ValueTask EndAsync(CreateScope scope, bool resolved) =>

        // Not cancellable: an end left unwritten would keep the attempt in flight, blocking every identical draft's
        // reconciliation for the retention.
        ledger.EndCreateAttemptAsync(scope.AttemptId, resolved, timeProvider.GetUtcNow(), CancellationToken.None);

    /// <summary>One create of a draft, from its call until its Pin is known or it surely made none.</summary>
    internal sealed class CreateScope(AttributedPinRegistry registry, string attemptId, string draftKey) : IAsyncDisposable
    {
        private bool _resolved;
        private bool _ended;

        /// <summary>The attempt's id in the ledger.</summary>
        public string AttemptId { get; } = attemptId;

        /// <summary>The draft's <see cref="AttributedPinRegistry.DraftKey"/>.</summary>
        public string DraftKey { get; } = draftKey;

        /// <summary>The create's Pin is known (returned or found) or the create surely made none: no twin needs to wait for it.</summary>
        public ValueTask ResolveAsync()
        {
            if (_resolved)
            {
                return ValueTask.CompletedTask;
            }

            _resolved = true;
            return registry.EndAsync(this, resolved: true);
        }

        /// <summary>Ends the in-flight mark; unless resolved, the create stays ambiguous (its Pin may exist).</summary>
        public ValueTask DisposeAsync()
        {
            if (_resolved || _ended)
            {
                return ValueTask.CompletedTask;
            }

            _ended = true;
            return registry.EndAsync(this, resolved: false);
        }
    }
}
