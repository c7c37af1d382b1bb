using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The account coordinator over the host's database. PostgreSQL: the refresh lock and publish slots are advisory locks
/// (<see cref="PostgresAdvisoryLocks"/>), held across every instance. SQLite: they are in-process
/// (<see cref="InProcessAccountLocks"/>, shared by the process's stores over the same file), since SQLite serves one
/// process. Cool-downs are rows of <c>pinterest_cooldowns</c> on both, upserted atomically, so every instance (or
/// every restart) reads them. The upsert never moves a cool-down's end earlier nor clears a spam block in force, so a
/// late write from a stale read (another instance's 429) cannot shorten it. A row is pruned, when the account's next
/// cool-down is set, once it ended longer ago than it can matter: <see cref="PinterestRetryOptions.MaxRateLimitDelay"/>
/// (a 429 within it after the end continues the run) or <see cref="PinSchedulingOptions.SpamBlockDelay"/>, whichever is
/// longer.
/// </summary>
internal sealed class EfAccountCoordinator(
    PinterestDbContexts contexts,
    TimeProvider time,
    IOptions<PinterestPublishingOptions> publishingOptions,
    IOptions<PinSchedulingOptions> schedulingOptions) : IPinterestAccountCoordinator
{
    private readonly TimeSpan _forgetAfter = Max(publishingOptions.Value.Retry.MaxRateLimitDelay, schedulingOptions.Value.SpamBlockDelay);
    private readonly PostgresAdvisoryLocks _advisory = new(contexts, time);

    public async ValueTask<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return await contexts.GetSqliteGateAsync(cancellationToken).ConfigureAwait(false) is { } gate
            ? await gate.Locks.AcquireRefreshLockAsync(accountId, cancellationToken).ConfigureAwait(false)
            : await _advisory.AcquireRefreshLockAsync(accountId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        return await contexts.GetSqliteGateAsync(cancellationToken).ConfigureAwait(false) is { } gate
            ? await gate.Locks.AcquirePublishSlotAsync(accountId, maxConcurrency, cancellationToken).ConfigureAwait(false)
            : await _advisory.AcquirePublishSlotAsync(accountId, maxConcurrency, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<PinterestAccountCooldown>> GetCooldownsAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var rows = await context.Set<CooldownRow>().AsNoTracking().Where(r => r.AccountId == accountId)
                .OrderBy(r => r.Category).ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.Select(r => new PinterestAccountCooldown
            {
                AccountId = r.AccountId,
                Category = r.Category == CooldownRow.WholeAccount ? null : r.Category,
                Until = UtcTicks.To(r.UntilAt),
                IsSpamBlock = r.IsSpamBlock,
                InARow = r.InARow,
            }).ToArray();
        }
    }

    public async ValueTask SetCooldownAsync(PinterestAccountCooldown cooldown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cooldown);
        ArgumentException.ThrowIfNullOrEmpty(cooldown.AccountId);
        if (cooldown.Category == CooldownRow.WholeAccount)
        {
            throw new ArgumentException("PinterestAccountCooldown.Category must be null (the whole account) or a rate-limit category, not empty.", nameof(cooldown));
        }

        var now = time.GetUtcNow();
        var forgetBefore = UtcTicks.From(now - _forgetAfter);
        var checkedContext = await contexts.CheckAsync(cancellationToken).ConfigureAwait(false);
        var upsert = UpsertSql(checkedContext.Tables, checkedContext.Provider);
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            // Monotonic: the end only moves later, and a spam block still in force stays one, whatever order two
            // instances' writes land in. The run length is the writer's (a success sets it back to 0).
            await context.Database.ExecuteSqlRawAsync(
                upsert,
                [cooldown.AccountId, cooldown.Category ?? CooldownRow.WholeAccount, UtcTicks.From(cooldown.Until), cooldown.IsSpamBlock, cooldown.InARow, UtcTicks.From(now)],
                cancellationToken).ConfigureAwait(false);
            var account = cooldown.AccountId;
            await context.Set<CooldownRow>().Where(r => r.AccountId == account && r.UntilAt < forgetBefore)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // The table's name comes from the host's model (quoted by the provider), never from input; values are parameters.
    private static string UpsertSql(StoreTables tables, StoreProvider provider)
    {
        var greatest = provider == StoreProvider.PostgreSql ? "GREATEST" : "MAX";
        return "INSERT INTO " + tables.Cooldowns + " AS c (account_id, category, until_at, is_spam_block, in_a_row) VALUES ({0}, {1}, {2}, {3}, {4}) "
            + "ON CONFLICT (account_id, category) DO UPDATE SET until_at = " + greatest + "(c.until_at, excluded.until_at), "
            + "is_spam_block = excluded.is_spam_block OR (c.is_spam_block AND c.until_at > {5}), in_a_row = excluded.in_a_row";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
