namespace Pinterest.Publishing.Events;

/// <summary>
/// Pinterest rate-limited an account's requests (or flagged one as spam): every publish of the account in this process
/// waits until <see cref="Until"/>, and its scheduled Pins are tried again then.
/// </summary>
public sealed record AccountCoolingDownEvent
{
    /// <summary>The host's id of the account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The rate-limit category (<c>org_write</c>, say), or <see langword="null"/> for the whole account.</summary>
    public string? Category { get; init; }

    /// <summary>When the account may publish again.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Whether Pinterest flagged a request as spam (the wait is <c>PinScheduling:SpamBlockDelay</c>).</summary>
    public required bool IsSpamBlock { get; init; }

    /// <summary>How many rate limits in a row the account met (1 for the first); the wait grows with it.</summary>
    public required int InARow { get; init; }

    /// <summary>When the library saw it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
