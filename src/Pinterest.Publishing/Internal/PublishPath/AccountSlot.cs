using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>A held publish slot of one account, with the account's client; disposing it frees the slot.</summary>
internal sealed class AccountSlot(PinterestClient client, IAsyncDisposable slot) : IAsyncDisposable
{
    /// <summary>The account's client, for every call of this publish.</summary>
    public PinterestClient Client { get; } = client;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => slot.DisposeAsync();
}
