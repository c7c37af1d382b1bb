using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// One token store for several hosts: the in-memory store, whose writes the test can hold back (<see cref="WriteGate"/>)
/// to line up a race between the hosts deterministically.
/// </summary>
internal sealed class GatedTokenStore : IPinterestTokenStore
{
    /// <summary>The store itself: the test seeds tokens through it without passing the gate.</summary>
    public InMemoryPinterestTokenStore Inner { get; } = new();

    /// <summary>When set, every write waits for the task it returns first.</summary>
    public Func<Task>? WriteGate { get; set; }

    public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
        Inner.GetTokenAsync(accountId, cancellationToken);

    public async Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
    {
        if (WriteGate is { } gate)
        {
            await gate().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        await Inner.StoreTokenAsync(accountId, token, cancellationToken);
    }
}
