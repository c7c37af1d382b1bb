using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The ledger prunes old rows after a write. The write is committed by then: a prune that fails (the database gone a
/// moment, the caller's cancellation) must not make the write look failed, or the caller would redo a write that holds.
/// </summary>
public sealed class LedgerPruneFailureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_prune_failing_after_a_committed_pin_claim_leaves_the_claim_won_and_kept()
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        var (ledger, failFromNow) = LedgerFailingAfterItsNextWrite(database);

        failFromNow();
        Assert.True(await ledger.TryClaimPinAsync("pin-1", "op-1", T0));

        var healthy = new EfPublishLedger(database.NewContexts(), new FakeTimeProvider(T0));
        Assert.False(await healthy.TryClaimPinAsync("pin-1", "op-2", T0));
    }

    [Fact]
    public async Task A_prune_failing_after_a_committed_attempt_still_returns_the_attempts_id()
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        var (ledger, failFromNow) = LedgerFailingAfterItsNextWrite(database);

        failFromNow();
        var id = await ledger.BeginCreateAttemptAsync("op-1", "draft", T0, T0.AddSeconds(90));

        Assert.False(string.IsNullOrEmpty(id));
        var healthy = new EfPublishLedger(database.NewContexts(), new FakeTimeProvider(T0));
        Assert.Equal(T0, await healthy.GetUnresolvedCreateAttemptStartAsync("op-1"));
    }

    // A ledger whose contexts fail from the second one created after failFromNow: the write gets one, the prune the next.
    private static (EfPublishLedger Ledger, Action FailFromNow) LedgerFailingAfterItsNextWrite(StoreDatabase database)
    {
        var remaining = int.MaxValue;
        var contexts = new PinterestDbContexts(_ => Interlocked.Decrement(ref remaining) < 0
            ? throw new InvalidOperationException("The database is unreachable.")
            : Task.FromResult<DbContext>(new StoreTestDbContext(database.Options)));
        return (new EfPublishLedger(contexts, new FakeTimeProvider(T0)), () =>
        {
            // The start-up check's context first, then the write's.
            Volatile.Write(ref remaining, 2);
        });
    }
}
