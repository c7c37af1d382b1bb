using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Events;

/// <summary>A scheduled Pin failed this time (a rate limit, an outage, media still processing) and will be tried again.</summary>
public sealed record PinRetryScheduledEvent
{
    private readonly string _reason = string.Empty;

    /// <summary>The host's id of the account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The schedule store's id of the Pin.</summary>
    public required string ScheduledPinId { get; init; }

    /// <summary>When the Pin is tried again.</summary>
    public required DateTimeOffset RetryAt { get; init; }

    /// <summary>The attempt that failed, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>Whether the failed attempt counts toward the most attempts (a wait for a rate limit does not).</summary>
    public required bool CountsAsAttempt { get; init; }

    /// <summary>Why it failed this time; scrubbed of credential-shaped values and URL queries when set.</summary>
    public required string Reason
    {
        get => _reason;
        init => _reason = SecretScrubber.Scrub(value) ?? string.Empty;
    }

    /// <summary>When the library saw the outcome.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
