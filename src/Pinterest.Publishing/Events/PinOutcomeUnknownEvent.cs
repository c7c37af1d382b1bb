using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Events;

/// <summary>
/// A create request may have been processed and reconciliation found no Pin: the Pin may or may not exist. It is not
/// retried automatically; check the board for a Pin created after <see cref="AttemptStartedAt"/>.
/// </summary>
public sealed record PinOutcomeUnknownEvent
{
    private readonly string _reason = string.Empty;

    /// <summary>The host's id of the account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The schedule store's id of the Pin, or <see langword="null"/> for a direct publish.</summary>
    public string? ScheduledPinId { get; init; }

    /// <summary>When the attempt started: a Pin created after it may be this one.</summary>
    public required DateTimeOffset AttemptStartedAt { get; init; }

    /// <summary>What failed ambiguously; scrubbed of credential-shaped values and URL queries when set.</summary>
    public required string Reason
    {
        get => _reason;
        init => _reason = SecretScrubber.Scrub(value) ?? string.Empty;
    }

    /// <summary>When the library saw the outcome.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
