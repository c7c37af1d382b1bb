using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Events;

/// <summary>An account cannot publish until someone acts; <see cref="Reason"/> says who and how.</summary>
public sealed record ReauthorizationRequiredEvent
{
    private readonly string _detail = string.Empty;

    /// <summary>The host's id of the account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The schedule store's id of the Pin that met it, or <see langword="null"/> for a direct publish.</summary>
    public string? ScheduledPinId { get; init; }

    /// <summary>Why: a revoked grant, a missing scope or the app's credentials.</summary>
    public required PinterestReauthorizationReason Reason { get; init; }

    /// <summary>For <see cref="PinterestReauthorizationReason.MissingScope"/>, every scope the refused call needs; else empty.</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>What was refused, in words for a person (never a token); scrubbed when set.</summary>
    public required string Detail
    {
        get => _detail;
        init => _detail = SecretScrubber.Scrub(value) ?? string.Empty;
    }

    /// <summary>When the library saw it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
