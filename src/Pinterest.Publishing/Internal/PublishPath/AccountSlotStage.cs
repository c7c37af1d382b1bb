namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Waits for one of the account's publish slots (<see cref="AccountConcurrencyLimiter"/>) and gives the publish the
/// one client of that account it uses for the upload and the create.
/// </summary>
internal sealed class AccountSlotStage(AccountConcurrencyLimiter limiter, PinterestClientProvider clients)
{
    /// <summary>Waits for a slot of <paramref name="accountId"/>; dispose the result to release it.</summary>
    public async ValueTask<AccountSlot> EnterAsync(string accountId, CancellationToken cancellationToken)
    {
        var slot = await limiter.AcquireAsync(accountId, cancellationToken).ConfigureAwait(false);
        try
        {
            return new AccountSlot(clients.ForAccount(accountId), slot);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }
}
