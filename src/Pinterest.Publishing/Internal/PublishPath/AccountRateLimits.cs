namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// One account's cool-downs as one publish sees them (<see cref="AccountCooldownStage"/>): handed to the create loop,
/// which checks them before each create and records the 429s it meets, so that its own retry waits with the account.
/// </summary>
internal sealed class AccountRateLimits(AccountCooldownStage stage, string accountId)
{
    /// <summary>The account.</summary>
    public string AccountId => accountId;

    /// <inheritdoc cref="AccountCooldownStage.ThrowIfCoolingDownAsync"/>
    public ValueTask ThrowIfCoolingDownAsync(CancellationToken cancellationToken) =>
        stage.ThrowIfCoolingDownAsync(accountId, cancellationToken);

    /// <inheritdoc cref="AccountCooldownStage.CoolDownAsync"/>
    public ValueTask<PinterestRateLimitException> CoolDownAsync(Exception failure, CancellationToken cancellationToken) =>
        stage.CoolDownAsync(accountId, failure, cancellationToken);

    /// <summary>
    /// After a create met a rate limit or spam block: cools the account down and returns how long the create loop waits
    /// before it retries, or throws the failure with the time left (<see cref="PinterestApiException.RetryAfter"/>) when
    /// it does not retry: a spam block, no retry left, or a wait past <see cref="PinterestRetryOptions.MaxRetryAfter"/>.
    /// </summary>
    /// <exception cref="PinterestRateLimitException">The create does not wait for the end of the cool-down.</exception>
    public async ValueTask<TimeSpan?> CoolDownBeforeRetryAsync(Exception failure, bool mayRetry, PinterestRetryOptions retry, CancellationToken cancellationToken)
    {
        var cooled = await CoolDownAsync(failure, cancellationToken).ConfigureAwait(false);
        if (!mayRetry || cooled.RetryAfter is not { } wait || wait > retry.MaxRetryAfter)
        {
            throw cooled;
        }

        return wait;
    }

    /// <inheritdoc cref="AccountCooldownStage.SucceededAsync"/>
    public ValueTask SucceededAsync(CancellationToken cancellationToken) => stage.SucceededAsync(accountId, cancellationToken);

    /// <summary>Runs a step of the publish (the video upload); a rate limit or spam block it meets cools the account down.</summary>
    public async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        try
        {
            return await step(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AccountCooldownStage.IsCooledBy(ex))
        {
            throw await CoolDownAsync(ex, cancellationToken).ConfigureAwait(false);
        }
    }
}
