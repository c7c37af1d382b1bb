using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Which Pins belong to which publish, kept in the <see cref="IPinterestPublishLedger"/> (this process's memory by
/// default, the host's database with a durable ledger, so it holds across instances). Reconciliation matches on the
/// draft's content, so two drafts with the same board and text could be given one Pin: the ledger holds the Pin ids
/// already handed to a publish (recent enough that a reconciliation could still see them) and the creates whose Pin is
/// not known: those still in flight, and those that failed ambiguously and have not found their Pin (it may exist, and
/// the board may list it late). A matching Pin cannot be told apart from such a create's, so a reconciliation never
/// claims one while such a create of an identical draft overlaps its own. Each attempt carries its publish's operation
/// id: attempts of one operation are never each other's twins, and a publish whose earlier attempt is unresolved (its
/// instance died mid-create, or it ended ambiguously) looks for that attempt's Pin before creating again.
/// </summary>
/// <param name="timeProvider">The clock.</param>
/// <param name="ledger">Where attempts and claims are kept.</param>
/// <param name="inFlightLimit">How long after its start a create can still be in flight (<see cref="InFlightLimit"/>).</param>
internal sealed class AttributedPinRegistry(TimeProvider timeProvider, IPinterestPublishLedger ledger, TimeSpan inFlightLimit)
{
    /// <summary>
    /// How long a create can be in flight, from its mark to its end: the mark is set before the client's call, which may
    /// first wait for the account's token (a refresh, or another instance's refresh under the refresh lock: one request
    /// each) and then sends the create (a third); each request ends within <paramref name="requestTimeout"/>. An attempt
    /// still marked in flight after that was abandoned by an instance that died, and counts as ended ambiguously then,
    /// so it neither blocks identical drafts' reconciliations for the ledger's retention nor is in flight forever.
    /// </summary>
    /// <param name="requestTimeout">The HTTP timeout of one API call (<see cref="PinterestPublishingOptions.RequestTimeout"/>).</param>
    public static TimeSpan InFlightLimit(TimeSpan requestTimeout) => 3 * requestTimeout;

    /// <summary>
    /// Marks a create of a draft with this text as in flight. Its scope says how it ended: <see cref="CreateScope.ResolveAsync"/>
    /// once its Pin is known or it surely made none; disposing it unresolved leaves it ambiguous (its Pin may exist).
    /// </summary>
    /// <param name="operationId">The publish's operation id: every attempt of one publish carries it.</param>
    /// <param name="draftKey">The draft's <see cref="DraftKey"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<CreateScope> BeginCreateAsync(string operationId, string draftKey, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var id = await ledger.BeginCreateAttemptAsync(operationId, draftKey, now, now + inFlightLimit, cancellationToken).ConfigureAwait(false);
        return new CreateScope(this, id, operationId, draftKey);
    }

    /// <summary>When the earliest unresolved attempt of the operation started (its Pin may exist), or <see langword="null"/>.</summary>
    public ValueTask<DateTimeOffset?> GetUnresolvedAttemptStartAsync(string operationId, CancellationToken cancellationToken) =>
        ledger.GetUnresolvedCreateAttemptStartAsync(operationId, cancellationToken);

    /// <summary>
    /// Whether a create of an identical draft by another operation than <paramref name="own"/>'s has a Pin nobody knows
    /// that could have been made at or after <paramref name="since"/>: it is in flight, or it ended ambiguously (or was
    /// abandoned in flight) at or after that time.
    /// </summary>
    public ValueTask<bool> HasUnresolvedTwinAsync(CreateScope own, DateTimeOffset since, CancellationToken cancellationToken) =>
        ledger.HasUnresolvedTwinAsync(own.OperationId, own.DraftKey, since, cancellationToken);

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

    /// <summary>How long after its start a create can still be in flight.</summary>
    public TimeSpan CreateInFlightLimit => inFlightLimit;

    /// <summary>Records a Pin a create call returned: it belongs to that publish.</summary>
    public async Task RecordAsync(string pinId, string operationId, CancellationToken cancellationToken) =>
        _ = await TryClaimAsync(pinId, operationId, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Claims a Pin for one publish; false when another operation (of any instance sharing the ledger) already has it.
    /// The same operation's claim succeeds again, so a publish that died after its Pin was returned finds it as its own.
    /// </summary>
    public ValueTask<bool> TryClaimAsync(string pinId, string operationId, CancellationToken cancellationToken) =>
        ledger.TryClaimPinAsync(pinId, operationId, timeProvider.GetUtcNow(), cancellationToken);

    private ValueTask EndAsync(CreateScope scope, bool resolved) =>

        // Not cancellable: an end left unwritten would keep the attempt in flight until its bound, blocking identical
        // drafts' reconciliations meanwhile.
        ledger.EndCreateAttemptAsync(scope.AttemptId, resolved, timeProvider.GetUtcNow(), CancellationToken.None);

    /// <summary>One create of a draft, from its call until its Pin is known or it surely made none.</summary>
    internal sealed class CreateScope(AttributedPinRegistry registry, string attemptId, string operationId, string draftKey) : IAsyncDisposable
    {
        private bool _resolved;
        private bool _ended;

        /// <summary>The attempt's id in the ledger.</summary>
        public string AttemptId { get; } = attemptId;

        /// <summary>The publish's operation id.</summary>
        public string OperationId { get; } = operationId;

        /// <summary>The draft's <see cref="AttributedPinRegistry.DraftKey"/>.</summary>
        public string DraftKey { get; } = draftKey;

        /// <summary>
        /// The create's Pin is known (returned or found) or the create surely made none: no twin needs to wait for it,
        /// nor for the operation's earlier attempts (their Pin is this one, or was looked for before this attempt).
        /// </summary>
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
