namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>How long cool-downs last.</summary>
/// <param name="Retry">The rate-limit delays (<see cref="PinterestRetryOptions.RateLimitDelay"/> and <see cref="PinterestRetryOptions.MaxRateLimitDelay"/>).</param>
/// <param name="SpamBlockDelay">How long an account waits after a spam block (<c>PinSchedulingOptions.SpamBlockDelay</c>).</param>
internal sealed record AccountCooldownPolicy(PinterestRetryOptions Retry, TimeSpan SpamBlockDelay)
{
    /// <summary>
    /// The longest wait Pinterest may name for a rate limit (a <c>Retry-After</c> or reset time), cut beyond it: a
    /// broken answer ("retry in the year 9999") must not silence an account forever. A day, Pinterest's longest window.
    /// </summary>
    public static readonly TimeSpan MaxServerWait = TimeSpan.FromDays(1);
}
