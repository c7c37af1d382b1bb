namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>What Pinterest answered a call it rate-limited.</summary>
/// <param name="Category">The call's rate-limit category; <see langword="null"/> when unknown (then the whole account waits).</param>
/// <param name="IsSpamBlock">Whether Pinterest flagged the call as spam (the whole account waits).</param>
/// <param name="ServerWait">The wait Pinterest named (<c>Retry-After</c>, or the <c>x-ratelimit-reset</c> time), if any.</param>
internal readonly record struct RateLimitHit(string? Category, bool IsSpamBlock, TimeSpan? ServerWait);
