using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The account coordinator over the host's database. PostgreSQL: the refresh lock and publish slots are advisory locks
/// (<see cref="PostgresAdvisoryLocks"/>), held across every instance. SQLite: they are in-process
/// (<see cref="InProcessAccountLocks"/>, shared by the process's stores over the same file), since SQLite serves one
/// process. Cool-downs are rows of <c>pinterest_cooldowns</c> on both, upserted atomically, so every instance (or
/// every restart) reads them; rows an hour past their end are pruned when the account's next cool-down is set.
/// </summary>
internal sealed class EfAccountCoordinator(PinterestDbContexts contexts, TimeProvider time) : IPinterestAccountCoordinator
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

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

        var forgetBefore = UtcTicks.From(time.GetUtcNow() - ForgetAfter);
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO " + PinterestTables.Cooldowns + " (account_id, category, until_at, is_spam_block, in_a_row) VALUES ({0}, {1}, {2}, {3}, {4}) "
                + "ON CONFLICT (account_id, category) DO UPDATE SET until_at = excluded.until_at, is_spam_block = excluded.is_spam_block, in_a_row = excluded.in_a_row",
                [cooldown.AccountId, cooldown.Category ?? CooldownRow.WholeAccount, UtcTicks.From(cooldown.Until), cooldown.IsSpamBlock, cooldown.InARow],
                cancellationToken).ConfigureAwait(false);
            var account = cooldown.AccountId;
            await context.Set<CooldownRow>().Where(r => r.AccountId == account && r.UntilAt < forgetBefore)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
