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
}
