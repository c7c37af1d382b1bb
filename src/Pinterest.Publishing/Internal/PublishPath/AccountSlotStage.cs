using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Waits for one of the account's publish slots (<see cref="IPinterestAccountCoordinator.AcquirePublishSlotAsync"/>,
/// at most <see cref="PinterestPublishingOptions.MaxConcurrentPublishesPerAccount"/> across every instance that shares
/// the coordinator) and gives the publish the one client of that account it uses for the upload and the create.
/// </summary>
internal sealed class AccountSlotStage(IPinterestAccountCoordinator coordinator, IOptions<PinterestPublishingOptions> options, PinterestClientProvider clients, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(PublishPathLog.CategoryName);

    /// <summary>Waits for a slot of <paramref name="accountId"/>; dispose the result to release it.</summary>
    public async ValueTask<AccountSlot> EnterAsync(string accountId, CancellationToken cancellationToken)
    {
        var slot = await coordinator.AcquirePublishSlotAsync(accountId, options.Value.MaxConcurrentPublishesPerAccount, cancellationToken).ConfigureAwait(false);
        try
        {
            return new AccountSlot(clients.ForAccount(accountId), slot, accountId, _logger);
        }
        catch
        {
            // Not masking the failure that made the slot useless.
            await AccountSlot.ReleaseAsync(slot, accountId, _logger).ConfigureAwait(false);
            throw;
        }
    }
}
