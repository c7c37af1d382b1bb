using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Events;

/// <summary>A Pin will not be published: retrying does not help, fixing the draft does (or it failed too many times).</summary>
public sealed record PinRejectedEvent
{
    private readonly string _reason = string.Empty;

    /// <summary>The host's id of the account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The schedule store's id of the Pin, or <see langword="null"/> for a direct publish.</summary>
    public string? ScheduledPinId { get; init; }

    /// <summary>Preflight codes or Pinterest's error code, as text (the same as the outcome's codes).</summary>
    public required IReadOnlyList<string> Codes { get; init; }

    /// <summary>What is wrong, in words for a person; scrubbed of credential-shaped values and URL queries when set.</summary>
    public required string Reason
    {
        get => _reason;
        init => _reason = SecretScrubber.Scrub(value) ?? string.Empty;
    }

    /// <summary>When the library saw the outcome.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
