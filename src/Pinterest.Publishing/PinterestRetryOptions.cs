using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing;

/// <summary>How idempotent API calls are retried after transient failures.</summary>
public sealed class PinterestRetryOptions
{
    /// <summary>Retries after the first attempt. Default 3; 0 turns retries off.</summary>
    [AtLeast(0)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; it doubles per retry, with jitter. Positive, at most one day; default 1 second.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay. Positive, at most one day; default 30 seconds.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest <c>Retry-After</c> honoured; a longer one ends the retries and surfaces the error. Zero to one day;
    /// default 60 seconds.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay)]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The wait after a 429 without <c>Retry-After</c> (Pinterest documents none): an idempotent call retries once it
    /// has passed, while it is within <see cref="MaxRetryAfter"/>, and a publish cools the whole account down for it
    /// (the category that was limited: <c>org_read</c>, <c>org_write</c> or <c>org_analytics</c>). It doubles for each
    /// further 429 in a row, up to <see cref="MaxRateLimitDelay"/>. Positive, at most one day; default 1 minute, the
    /// window of Pinterest's Standard limits.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan RateLimitDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest wait after 429s in a row without <c>Retry-After</c>: an account over a daily (Trial) limit tries once
    /// per this period until the limit resets. Not shorter than <see cref="RateLimitDelay"/>, at most one day; default
    /// 1 hour.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan MaxRateLimitDelay { get; set; } = TimeSpan.FromHours(1);
}
