using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Tests.EntityFrameworkCore;

namespace Pinterest.Publishing.Tests.Coordination;

/// <summary>The publish ledger's contract on the default in-process ledger (one instance: both "instances" are it).</summary>
public sealed class InProcessPublishLedgerTests : PublishLedgerContract
{
    private InProcessPublishLedger _ledger = null!;

    protected override Task<(IPinterestPublishLedger A, IPinterestPublishLedger B)> CreateLedgersAsync()
    {
        _ledger = new InProcessPublishLedger(Time);
        return Task.FromResult<(IPinterestPublishLedger, IPinterestPublishLedger)>((_ledger, _ledger));
    }

    protected override Task PruneAsync()
    {
        _ledger.Prune(Time.GetUtcNow());
        return Task.CompletedTask;
    }
}
