using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>A held publish slot of one account, with the account's client; disposing it frees the slot.</summary>
internal sealed class AccountSlot(PinterestClient client, IAsyncDisposable slot, string accountId, ILogger logger) : IAsyncDisposable
{
    /// <summary>The account's client, for every call of this publish.</summary>
    public PinterestClient Client { get; } = client;

    /// <summary>Gives the slot back; never throws.</summary>
    /// <remarks>
    /// A failed release (a coordinator's database call) is logged, never thrown: it runs after the publish's outcome is
    /// settled, and must neither turn a created Pin into a failure (a scheduler would create it again) nor hide the
    /// publish's own failure.
    /// </remarks>
    public ValueTask DisposeAsync() => ReleaseAsync(slot, accountId, logger);

    /// <summary>Gives <paramref name="slot"/> back, logging instead of throwing when that fails.</summary>
    public static async ValueTask ReleaseAsync(IAsyncDisposable slot, string accountId, ILogger logger)
    {
        try
        {
            await slot.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            PublishPathLog.SlotReleaseFailed(logger, accountId, ex);
        }
    }
}
