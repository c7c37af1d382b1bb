using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The publish ledger in the host's database, the same SQL on PostgreSQL and SQLite: upserts are
/// <c>INSERT … ON CONFLICT</c>, a Pin claim is a primary-key insert that does nothing when the Pin is already there,
/// so each is atomic across instances. Rows older than the contract needs (a day for uploads; an hour after the end
/// for attempts and claims) are pruned at most every five minutes by the instance that writes.
/// </summary>
internal sealed class EfPublishLedger(PinterestDbContexts contexts, TimeProvider time) : IPinterestPublishLedger
{
    internal static readonly TimeSpan UploadLifetime = TimeSpan.FromDays(1);
    internal static readonly TimeSpan AttemptLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(5);

    private long _lastPruneTicks;

    public async ValueTask SetProcessingUploadAsync(string operationId, string? mediaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        var now = UtcTicks.From(time.GetUtcNow());
        await RunAsync(context => mediaId is null
            ? context.Set<ProcessingUploadRow>().Where(r => r.OperationId == operationId).ExecuteDeleteAsync(cancellationToken)
            : context.Database.ExecuteSqlRawAsync(
                "INSERT INTO " + PinterestTables.ProcessingUploads + " (operation_id, media_id, updated_at) VALUES ({0}, {1}, {2}) "
                + "ON CONFLICT (operation_id) DO UPDATE SET media_id = excluded.media_id, updated_at = excluded.updated_at",
                [operationId, mediaId, now], cancellationToken), cancellationToken).ConfigureAwait(false);
        await PruneAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> GetProcessingUploadAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return await RunAsync(context => context.Set<ProcessingUploadRow>().AsNoTracking()
            .Where(r => r.OperationId == operationId).Select(r => r.MediaId).SingleOrDefaultAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string> BeginCreateAttemptAsync(string draftKey, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(draftKey);
        var id = Guid.NewGuid().ToString("N");
        await RunAsync(context =>
        {
            context.Set<CreateAttemptRow>().Add(new CreateAttemptRow { Id = id, DraftKey = draftKey, StartedAt = UtcTicks.From(startedAt) });
            return context.SaveChangesAsync(cancellationToken);
        }, cancellationToken).ConfigureAwait(false);
        await PruneAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async ValueTask EndCreateAttemptAsync(string attemptId, bool resolved, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(attemptId);
        var ended = UtcTicks.From(endedAt);
        await RunAsync(context =>
        {
            var attempt = context.Set<CreateAttemptRow>().Where(r => r.Id == attemptId);
            return resolved
                ? attempt.ExecuteDeleteAsync(cancellationToken)
                : attempt.ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, ended), cancellationToken);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> HasUnresolvedTwinAsync(string attemptId, string draftKey, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(attemptId);
        ArgumentException.ThrowIfNullOrEmpty(draftKey);
        var sinceTicks = UtcTicks.From(since);
        return await RunAsync(context => context.Set<CreateAttemptRow>().AnyAsync(
            r => r.DraftKey == draftKey && r.Id != attemptId && (r.EndedAt == null || r.EndedAt >= sinceTicks), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> TryClaimPinAsync(string pinId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pinId);
        var inserted = await RunAsync(context => context.Database.ExecuteSqlRawAsync(
            "INSERT INTO " + PinterestTables.ClaimedPins + " (pin_id, claimed_at) VALUES ({0}, {1}) ON CONFLICT (pin_id) DO NOTHING",
            [pinId, UtcTicks.From(at)], cancellationToken), cancellationToken).ConfigureAwait(false);
        await PruneAsync(cancellationToken).ConfigureAwait(false);
        return inserted == 1;
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
        await RunAsync(async context =>
        {
            await context.Set<ProcessingUploadRow>().Where(r => r.UpdatedAt < uploadsBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

            // An attempt still "in flight" after a day belongs to an instance that died mid-create.
            await context.Set<CreateAttemptRow>().Where(r => r.EndedAt < endedBefore || (r.EndedAt == null && r.StartedAt < uploadsBefore))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return await context.Set<ClaimedPinRow>().Where(r => r.ClaimedAt < endedBefore).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> RunAsync<T>(Func<DbContext, Task<T>> operation, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return await operation(context).ConfigureAwait(false);
        }
    }
}
