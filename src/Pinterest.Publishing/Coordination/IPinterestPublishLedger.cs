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
/// (processing uploads) and an hour (create attempts and claimed Pins); an implementation may forget them after that.
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

    /// <summary>Records that a Pin create is about to be sent.</summary>
    /// <param name="draftKey">What identifies identical drafts (board, title, description, link), computed by the library.</param>
    /// <param name="startedAt">When the attempt started.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The attempt's id in the ledger.</returns>
    ValueTask<string> BeginCreateAttemptAsync(string draftKey, DateTimeOffset startedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the end of a create attempt: <paramref name="resolved"/> when its Pin is known or it surely made none
    /// (the attempt then leaves the ledger); otherwise it ended ambiguously and stays as an unresolved twin of its draft.
    /// </summary>
    /// <param name="attemptId">The id <see cref="BeginCreateAttemptAsync"/> returned.</param>
    /// <param name="resolved">Whether the attempt's result is known.</param>
    /// <param name="endedAt">When the attempt ended.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the write is visible to every instance.</returns>
    ValueTask EndCreateAttemptAsync(string attemptId, bool resolved, DateTimeOffset endedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether another attempt with the same draft key (not <paramref name="attemptId"/>) is still in flight, or ended
    /// ambiguously at or after <paramref name="since"/>: reconciliation then must not match a Pin of that draft.
    /// </summary>
    /// <param name="attemptId">The asking attempt.</param>
    /// <param name="draftKey">Its draft key.</param>
    /// <param name="since">The earliest end of an ambiguous twin that still counts.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when such a twin exists.</returns>
    ValueTask<bool> HasUnresolvedTwinAsync(string attemptId, string draftKey, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a Pin for one publish, atomically across instances: <see langword="false"/> when the Pin was already
    /// returned to a publish or claimed by a reconciliation.
    /// </summary>
    /// <param name="pinId">The Pinterest Pin id.</param>
    /// <param name="at">When it is claimed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call claimed the Pin.</returns>
    ValueTask<bool> TryClaimPinAsync(string pinId, DateTimeOffset at, CancellationToken cancellationToken = default);
}
