namespace Pinterest.Publishing.Coordination;

/// <summary>
/// What the publish path must remember across instances to stay duplicate-safe: the media id of a video upload still
/// processing (so a retry on another instance waits for it instead of uploading again), and the ledger of Pin create
/// attempts behind reconciliation (so a Pin returned to one publish is never another's reconciliation answer, and no
/// Pin is matched while an identical create is still in flight).
/// </summary>
/// <remarks>
/// The default (registered by <c>AddPinterestPublishing</c>) keeps this in the process's memory. The
/// Pinterest.Publishing.EntityFrameworkCore package keeps it in the host's database. Entries are needed for a day
/// (processing uploads) and an hour (claimed Pins, and create attempts after their end or their <c>inFlightUntil</c>); an
/// implementation may forget them after that.
/// Implementations must be thread-safe and make each write visible to every instance before the call completes.
/// </remarks>
public interface IPinterestPublishLedger
{
    /// <summary>Remembers, or with <paramref name="mediaId"/> <see langword="null"/> forgets, the upload still processing for a publish.</summary>
    /// <param name="operationId">The publish's <see cref="PublishPinRequest.OperationId"/>.</param>
    /// <param name="mediaId">The Pinterest media id of the upload, or <see langword="null"/> to forget it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the write is visible to every instance.</returns>
    ValueTask SetProcessingUploadAsync(string operationId, string? mediaId, CancellationToken cancellationToken = default);

    /// <summary>The media id of the upload still processing for a publish, if one is remembered.</summary>
    /// <param name="operationId">The publish's <see cref="PublishPinRequest.OperationId"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The media id, or <see langword="null"/>.</returns>
    ValueTask<string?> GetProcessingUploadAsync(string operationId, CancellationToken cancellationToken = default);

    /// <summary>Records that a Pin create of a publish is about to be sent.</summary>
    /// <param name="operationId">
    /// The publish's <see cref="PublishPinRequest.OperationId"/> (or an id of the library's own when it has none): every
    /// attempt of one publish carries it, on whichever instance it runs.
    /// </param>
    /// <param name="draftKey">What identifies identical drafts (board, title, description, link), computed by the library.</param>
    /// <param name="startedAt">When the attempt started.</param>
    /// <param name="inFlightUntil">
    /// The latest time the create can still be in flight (the library derives it from its request timeout). An attempt
    /// not ended by then is taken as ended ambiguously at that time: its instance died with the create in flight.
    /// </param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The attempt's id in the ledger.</returns>
    ValueTask<string> BeginCreateAttemptAsync(string operationId, string draftKey, DateTimeOffset startedAt, DateTimeOffset inFlightUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the end of a create attempt. <paramref name="resolved"/>: its publish's Pin is known, or this attempt
    /// surely made none after the publish looked for the Pins of its earlier attempts; the attempt then leaves the
    /// ledger, and so does every other attempt of its operation. Otherwise it ended ambiguously and stays as an
    /// unresolved attempt of its operation and twin of its draft.
    /// </summary>
    /// <param name="attemptId">The id <see cref="BeginCreateAttemptAsync"/> returned.</param>
    /// <param name="resolved">Whether the attempt's result is known.</param>
    /// <param name="endedAt">When the attempt ended.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the write is visible to every instance.</returns>
    ValueTask EndCreateAttemptAsync(string attemptId, bool resolved, DateTimeOffset endedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the earliest unresolved attempt of a publish started: one in flight (or whose instance died with it in
    /// flight) or one that ended ambiguously. Its Pin may exist, so the publish looks for it before creating again.
    /// </summary>
    /// <param name="operationId">The publish's operation id, as given to <see cref="BeginCreateAttemptAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The start of its earliest unresolved attempt, or <see langword="null"/> when it has none.</returns>
    ValueTask<DateTimeOffset?> GetUnresolvedCreateAttemptStartAsync(string operationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether an attempt of another operation with the same draft key ended ambiguously at or after
    /// <paramref name="since"/>, or is in flight: reconciliation then must not match a Pin of that draft. An attempt
    /// not ended by its <c>inFlightUntil</c> counts as ended then.
    /// </summary>
    /// <param name="operationId">The asking publish's operation id: its own attempts are never its twins.</param>
    /// <param name="draftKey">Its draft key.</param>
    /// <param name="since">The earliest end of an ambiguous twin that still counts.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when such a twin exists.</returns>
    ValueTask<bool> HasUnresolvedTwinAsync(string operationId, string draftKey, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// The Pin a publish already has: returned to it or claimed by its reconciliation (within the claims' hour). A
    /// publish whose instance died after its Pin was created, before the outcome was recorded, finds it here.
    /// </summary>
    /// <param name="operationId">The publish's operation id, as given to <see cref="TryClaimPinAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The Pin id, or <see langword="null"/> when the publish has none.</returns>
    ValueTask<string?> GetClaimedPinAsync(string operationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a Pin for one publish, atomically across instances: <see langword="false"/> when the Pin was already
    /// returned to, or claimed by, another operation. A claim by the same operation succeeds again: a publish that died
    /// after its Pin was returned finds it as its own.
    /// </summary>
    /// <param name="pinId">The Pinterest Pin id.</param>
    /// <param name="operationId">The claiming publish's operation id, as given to <see cref="BeginCreateAttemptAsync"/>.</param>
    /// <param name="at">When it is claimed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the Pin is this operation's.</returns>
    ValueTask<bool> TryClaimPinAsync(string pinId, string operationId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
