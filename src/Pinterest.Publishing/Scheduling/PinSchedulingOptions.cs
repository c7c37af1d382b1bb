using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing.Scheduling;

/// <summary>Settings of the scheduling dispatcher added by <c>AddPinScheduling()</c>.</summary>
/// <remarks>
/// Validated when the host starts, by the attributes on each setting; a failure names the setting as
/// <c>PinScheduling:&lt;setting&gt;</c> (<c>PinScheduling:Lease</c>).
/// </remarks>
public sealed class PinSchedulingOptions
{
    /// <summary>
    /// How long the dispatcher waits before asking the store again when nothing was due and no publish ended. Positive,
    /// at most one day; default 5 seconds.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most Pins claimed at once (never more than the free publish slots). At least 1; default 10.</summary>
    [AtLeast(1)]
    public int BatchSize { get; set; } = 10;

    /// <summary>
    /// How long a claim keeps other dispatchers away, and how long its publish may run: a publish still running when
    /// the lease ends is cancelled (retried when its create call had not been sent, an unknown outcome when it had). It
    /// must exceed the longest publish (a video download, upload and processing): an expired lease lets another
    /// instance claim the Pin. Positive, at most one day; default 30 minutes.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The most publishes one dispatcher runs at once (the per-account limit still applies). A slot freed by an ending
    /// publish is refilled at once, so a publish that hangs holds one slot, not the others. At least 1; default 10.
    /// </summary>
    [AtLeast(1)]
    public int MaxConcurrentPublishes { get; set; } = 10;

    /// <summary>The first backoff after a transient failure without <c>Retry-After</c>; doubles per attempt. Positive; default 1 minute.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.Unbounded, MinimumIsExclusive = true)]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest backoff. Positive; default 1 hour.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.Unbounded, MinimumIsExclusive = true)]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest wait a server may choose through <c>Retry-After</c> (or a rate-limit reset) before a Pin is tried
    /// again; a longer one is cut to this, so a hostile or broken answer ("retry in the year 9999") cannot park a Pin
    /// forever. Zero or more; default 1 day: Pinterest's daily Trial limits may legitimately ask for up to a day.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.Unbounded)]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long an account waits after Pinterest flagged one of its requests as spam: every publish of the account in
    /// this process fails fast (sends nothing) until then, and its scheduled Pins are tried again at the end. Also used
    /// without scheduling. Positive; default 6 hours.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.Unbounded, MinimumIsExclusive = true)]
    public TimeSpan SpamBlockDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// After this many attempts a transient failure becomes final (<see cref="PinPublishOutcome.Rejected"/>). Waits for
    /// a rate limit do not count and never end in a rejection: the Pin is tried again when its account's cool-down ends
    /// (the next day, for a Trial app over its daily limit), and a cooling account sends nothing meanwhile. Nor does a
    /// wait for the account's spam-block cool-down another Pin started; a spam block counts for the Pin that met it, so a
    /// Pin Pinterest keeps flagging ends Rejected (<c>spam_block</c>). At least 1; default 8.
    /// </summary>
    [AtLeast(1)]
    public int MaxAttempts { get; set; } = 8;
}
