using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The publish ledger in the host's database, the same SQL on PostgreSQL and SQLite: upserts are
/// <c>INSERT … ON CONFLICT</c>, a Pin claim is a primary-key insert that succeeds again only for the operation that
/// holds the Pin, so each is atomic across instances. Rows older than the contract needs (a day for uploads; an hour
/// after the end, or the in-flight bound, for attempts, and after the claim for claims) are pruned at most every five
/// minutes by the instance that writes, best-effort: a failed prune never fails the write before it.
/// </summary>
internal sealed class EfPublishLedger(PinterestDbContexts contexts, TimeProvider time, ILoggerFactory? loggerFactory = null) : IPinterestPublishLedger
{
    internal static readonly TimeSpan UploadLifetime = TimeSpan.FromDays(1);
    internal static readonly TimeSpan AttemptLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(5);

    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(EntityFrameworkCoreLog.CategoryName);
    private long _lastPruneTicks;

    public async ValueTask SetProcessingUploadAsync(string operationId, string? mediaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        var now = UtcTicks.From(time.GetUtcNow());
        var tables = await contexts.GetTablesAsync(cancellationToken).ConfigureAwait(false);
        await RunAsync(context => mediaId is null
            ? context.Set<ProcessingUploadRow>().Where(r => r.OperationId == operationId).ExecuteDeleteAsync(cancellationToken)
            : context.Database.ExecuteSqlRawAsync(UploadUpsertSql(tables), [operationId, mediaId, now], cancellationToken), cancellationToken).ConfigureAwait(false);
        await PruneBestEffortAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> GetProcessingUploadAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return await RunAsync(context => context.Set<ProcessingUploadRow>().AsNoTracking()
            .Where(r => r.OperationId == operationId).Select(r => r.MediaId).SingleOrDefaultAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string> BeginCreateAttemptAsync(string operationId, string draftKey, DateTimeOffset startedAt, DateTimeOffset inFlightUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        ArgumentException.ThrowIfNullOrEmpty(draftKey);
        var id = Guid.NewGuid().ToString("N");
        await RunAsync(context =>
        {
            context.Set<CreateAttemptRow>().Add(new CreateAttemptRow
            {
                Id = id,
                OperationId = operationId,
                DraftKey = draftKey,
                StartedAt = UtcTicks.From(startedAt),
                InFlightUntil = UtcTicks.From(inFlightUntil),
            });
            return context.SaveChangesAsync(cancellationToken);
        }, cancellationToken).ConfigureAwait(false);
        await PruneBestEffortAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async ValueTask EndCreateAttemptAsync(string attemptId, bool resolved, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(attemptId);
        var ended = UtcTicks.From(endedAt);
        await RunAsync(async context =>
        {
            var attempts = context.Set<CreateAttemptRow>();
            if (!resolved)
            {
                // The first end counts: an attempt ended twice keeps its first time.
                return await attempts.Where(r => r.Id == attemptId && r.EndedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, ended), cancellationToken).ConfigureAwait(false);
            }

            // The operation's Pin is known, or its earlier attempts were looked for before this one: those that ended (or
            // were abandoned past their bound) go with it. One still in flight may be another live instance's create of
            // the same operation (a lease taken over early): it stays until its own end.
            var operationId = await attempts.AsNoTracking().Where(r => r.Id == attemptId).Select(r => r.OperationId)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return operationId is null
                ? 0
                : await attempts.Where(r => r.OperationId == operationId && (r.Id == attemptId || r.EndedAt != null || r.InFlightUntil < ended))
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DateTimeOffset?> GetUnresolvedCreateAttemptStartAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        var earliest = await RunAsync(context => context.Set<CreateAttemptRow>().AsNoTracking()
            .Where(r => r.OperationId == operationId).Select(r => (long?)r.StartedAt).MinAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        return earliest is { } ticks ? UtcTicks.To(ticks) : null;
    }

    public async ValueTask<bool> HasUnresolvedTwinAsync(string operationId, string draftKey, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        ArgumentException.ThrowIfNullOrEmpty(draftKey);
        var sinceTicks = UtcTicks.From(since);

        // An attempt still marked in flight past its bound was abandoned: it counts as ended ambiguously at its bound.
        return await RunAsync(context => context.Set<CreateAttemptRow>().AnyAsync(
            r => r.DraftKey == draftKey && r.OperationId != operationId
                && ((r.EndedAt != null && r.EndedAt >= sinceTicks) || (r.EndedAt == null && r.InFlightUntil >= sinceTicks)),
            cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> GetClaimedPinAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return await RunAsync(context => context.Set<ClaimedPinRow>().AsNoTracking()
            .Where(r => r.OperationId == operationId).OrderBy(r => r.ClaimedAt).Select(r => r.PinId).FirstOrDefaultAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TryClaimPinAsync(string pinId, string operationId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pinId);
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        var tables = await contexts.GetTablesAsync(cancellationToken).ConfigureAwait(false);

        var claimed = await RunAsync(context => context.Database.ExecuteSqlRawAsync(
            ClaimSql(tables), [pinId, operationId, UtcTicks.From(at)], cancellationToken), cancellationToken).ConfigureAwait(false);
        await PruneBestEffortAsync(cancellationToken).ConfigureAwait(false);
        return claimed == 1;
    }

    /// <summary>Deletes rows the contract no longer needs, as of now; at most every five minutes unless forced.</summary>
    internal async Task PruneAsync(CancellationToken cancellationToken, bool force = false)
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref _lastPruneTicks);
        if (!force && now.UtcTicks - last < PruneEvery.Ticks)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastPruneTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        var uploadsBefore = UtcTicks.From(now - UploadLifetime);
        var endedBefore = UtcTicks.From(now - AttemptLifetime);
        var claimedBefore = UtcTicks.From(now - (2 * AttemptLifetime));
        await RunAsync(async context =>
        {
            await context.Set<ProcessingUploadRow>().Where(r => r.UpdatedAt < uploadsBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

            // An attempt still "in flight" past its bound belongs to an instance that died mid-create: ended then.
            await context.Set<CreateAttemptRow>()
                .Where(r => (r.EndedAt != null && r.EndedAt < endedBefore) || (r.EndedAt == null && r.InFlightUntil < endedBefore))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

            // Claims outlive the attempts whose searches they answer (kept an hour after they end, which can be well after
            // the Pins they might match were claimed): a pruned claim would let a late search adopt another publish's Pin.
            return await context.Set<ClaimedPinRow>().Where(r => r.ClaimedAt < claimedBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    // After a committed write: a failed prune (the database gone a moment, the caller's cancellation) must not report the
    // write as failed, or a caller would redo a write that holds. A later write prunes again.
    private async Task PruneBestEffortAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PruneAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            EntityFrameworkCoreLog.LedgerPruneFailed(_logger, ex.GetType().Name, ex);
        }
    }

    // The tables' names come from the host's model (schema-qualified, quoted by the provider), never from input; values
    // are parameters.
    private static string UploadUpsertSql(StoreTables tables) =>
        "INSERT INTO " + tables.ProcessingUploads + " (operation_id, media_id, updated_at) VALUES ({0}, {1}, {2}) "
        + "ON CONFLICT (operation_id) DO UPDATE SET media_id = excluded.media_id, updated_at = excluded.updated_at";

    // One statement: a new Pin is inserted; a Pin already held counts (one row) only when this operation holds it.
    private static string ClaimSql(StoreTables tables) =>
        "INSERT INTO " + tables.ClaimedPins + " AS c (pin_id, operation_id, claimed_at) VALUES ({0}, {1}, {2}) "
        + "ON CONFLICT (pin_id) DO UPDATE SET claimed_at = c.claimed_at WHERE c.operation_id = excluded.operation_id";

    private async Task<T> RunAsync<T>(Func<DbContext, Task<T>> operation, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return await operation(context).ConfigureAwait(false);
        }
    }
}
