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
}
