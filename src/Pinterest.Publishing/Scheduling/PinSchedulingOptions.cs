using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Scheduling;

/// <summary>Settings of the scheduling dispatcher added by <c>AddPinScheduling()</c>.</summary>
public sealed class PinSchedulingOptions
{
    /// <summary>
    /// How long the dispatcher waits before asking the store again when nothing was due and no publish ended. Default 5 seconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most Pins claimed at once (never more than the free publish slots). Default 10.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>
    /// How long a claim keeps other dispatchers away, and how long its publish may run: a publish still running when
    /// the lease ends is cancelled (retried when its create call had not been sent, an unknown outcome when it had). It
    /// must exceed the longest publish (a video download, upload and processing): an expired lease lets another
    /// instance claim the Pin. Default 30 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The most publishes one dispatcher runs at once (the per-account limit still applies). A slot freed by an ending
    /// publish is refilled at once, so a publish that hangs holds one slot, not the others. Default 10.
    /// </summary>
    public int MaxConcurrentPublishes { get; set; } = 10;

    /// <summary>The first backoff after a transient failure without <c>Retry-After</c>; doubles per attempt. Default 1 minute.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest backoff. Default 1 hour.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest wait a server may choose through <c>Retry-After</c> (or a rate-limit reset) before a Pin is tried
    /// again; a longer one is cut to this, so a hostile or broken answer ("retry in the year 9999") cannot park a Pin
    /// forever. Default 1 day: Pinterest's daily Trial limits may legitimately ask for up to a day.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long to wait after Pinterest flagged a request as spam. Default 6 hours.</summary>
    public TimeSpan SpamBlockDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>After this many attempts a transient failure becomes final (<see cref="PinPublishOutcome.Rejected"/>). Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;
}
