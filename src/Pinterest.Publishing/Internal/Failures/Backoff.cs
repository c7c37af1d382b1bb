namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// The one backoff: <c>baseDelay × 2^exponent</c>, capped at <c>maxDelay</c>, then optionally jittered by ±20 % (and
/// capped again), so that many clients do not retry in step. Computed in <see cref="double"/> ticks and clamped before
/// it becomes a <see cref="TimeSpan"/>, so no exponent or setting overflows.
/// </summary>
internal static class Backoff
{
    // 2^30 times any sensible base is past any sensible cap; the clamp only keeps the arithmetic finite.
    private const int MaxExponent = 30;

    /// <summary>Uniform samples in [0, 1) from <see cref="Random.Shared"/>: jitter is not security sensitive.</summary>
#pragma warning disable CA5394 // Jitter is not security sensitive.
    public static readonly Func<double> SharedJitter = static () => Random.Shared.NextDouble();
#pragma warning restore CA5394

    /// <summary>The delay before the retry that follows <paramref name="exponent"/> earlier ones.</summary>
    /// <param name="baseDelay">The first delay.</param>
    /// <param name="exponent">How many times the delay has doubled (0 for the first); clamped to 0–30.</param>
    /// <param name="maxDelay">The cap; the result never exceeds it.</param>
    /// <param name="jitter">
    /// Uniform samples in [0, 1) that scale the delay by 0.8–1.2 (<see cref="SharedJitter"/>, or a fixed source in
    /// tests); <see langword="null"/> for none.
    /// </param>
    /// <returns>A delay between zero and <paramref name="maxDelay"/>; zero when either setting is not positive.</returns>
    public static TimeSpan Exponential(TimeSpan baseDelay, int exponent, TimeSpan maxDelay, Func<double>? jitter)
    {
        if (baseDelay <= TimeSpan.Zero || maxDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, Math.Clamp(exponent, 0, MaxExponent)), maxDelay.Ticks);
        if (jitter is not null)
        {
            ticks *= 0.8 + (Math.Clamp(jitter(), 0, 1) * 0.4);
        }

        // (double)maxDelay.Ticks may round up past long.MaxValue: compare before converting back.
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The wait before a failed call is tried again: a rate limit waits <see cref="RateLimit"/> (a retry after seconds
    /// would only meet the same per-minute or daily limit), another failure its <c>Retry-After</c>, else the jittered
    /// <see cref="Exponential"/> backoff of <see cref="PinterestRetryOptions.BaseDelay"/>. <see langword="null"/> when the
    /// wait Pinterest asks for (or its rate limit needs) is past <see cref="PinterestRetryOptions.MaxRetryAfter"/>: the
    /// call is not retried then.
    /// </summary>
    /// <param name="failure">The failure; whether it is retried at all, the caller decides by its kind.</param>
    /// <param name="attempt">How many retries came before (0 for the first).</param>
    /// <param name="retry">The retry settings.</param>
    /// <param name="now">The clock that reads a rate limit's reset time.</param>
    public static TimeSpan? Retry(Exception failure, int attempt, PinterestRetryOptions retry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(retry);
        TimeSpan? asked = FailureClassifier.Classify(failure) == FailureKind.RateLimited
            ? RateLimit(ServerRateLimitWait(failure, now), attempt, retry)
            : (failure as PinterestApiException)?.RetryAfter;

        // Only a wait Pinterest asks for (or its rate limit needs) is capped; the backoff is the caller's own.
        return asked is { } wait
            ? (wait <= retry.MaxRetryAfter ? wait : null)
            : Exponential(retry.BaseDelay, attempt, retry.MaxDelay, SharedJitter);
    }

    /// <summary>
    /// The wait after Pinterest rate-limited a call: the wait Pinterest named (<paramref name="serverWait"/>, from
    /// <see cref="ServerRateLimitWait"/>), else <see cref="PinterestRetryOptions.RateLimitDelay"/> doubled per earlier 429
    /// in a row, up to <see cref="PinterestRetryOptions.MaxRateLimitDelay"/>. Pinterest documents no <c>Retry-After</c>;
    /// its Standard limits are per minute, so no guess is shorter than the first delay (a minute by default), and a daily
    /// (Trial) limit is tried once per longest delay (an hour) until it resets. No jitter: what matters is the end of
    /// Pinterest's window, and only the calls of one account wait in step.
    /// </summary>
    /// <param name="serverWait">The wait Pinterest named, if any.</param>
    /// <param name="inARow">How many 429s of the same calls came just before this one (0 for the first).</param>
    /// <param name="retry">The rate-limit delays.</param>
    /// <returns>A wait of zero or more; the caller decides whether to wait it or to surface it.</returns>
    public static TimeSpan RateLimit(TimeSpan? serverWait, int inARow, PinterestRetryOptions retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        if (serverWait is { } named)
        {
            return named < TimeSpan.Zero ? TimeSpan.Zero : named;
        }

        // A cap below the first delay (a setting the validator refuses) must not shorten the first wait.
        var cap = retry.MaxRateLimitDelay < retry.RateLimitDelay ? retry.RateLimitDelay : retry.MaxRateLimitDelay;
        return Exponential(retry.RateLimitDelay, inARow, cap, jitter: null);
    }

    /// <summary>
    /// The wait Pinterest named for a rate limit, if any: <c>Retry-After</c>, else the <c>x-ratelimit-reset</c> time
    /// while it is still ahead (Pinterest promises neither header).
    /// </summary>
    public static TimeSpan? ServerRateLimitWait(Exception exception, DateTimeOffset now) => exception switch
    {
        PinterestApiException { RetryAfter: { } retryAfter } => retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter,
        PinterestApiException { RateLimit.Reset: { } reset } when reset > now => reset - now,
        _ => null,
    };
}
