namespace Pinterest.Publishing.Events;

/// <summary>A Pin was created on Pinterest.</summary>
public sealed record PinPublishedEvent
{
    /// <summary>The host's id of the account that published.</summary>
    public required string AccountId { get; init; }

    /// <summary>The schedule store's id of the Pin, or <see langword="null"/> for a direct publish.</summary>
    public string? ScheduledPinId { get; init; }

    /// <summary>The id of the Pin on Pinterest.</summary>
    public required string PinId { get; init; }

    /// <summary>When the library saw the outcome.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
