
namespace Pinterest.Publishing.Scheduling;

/// <summary>The kind of a <see cref="PinPublishOutcome"/>, for storing it in a column or switching on it.</summary>
public enum PinPublishOutcomeKind
{
    /// <summary>The Pin was created: <see cref="PinPublishOutcome.Published"/>.</summary>
    Published = 0,

    /// <summary>The draft must be fixed: <see cref="PinPublishOutcome.Rejected"/>.</summary>
    Rejected = 1,

    /// <summary>Try again later: <see cref="PinPublishOutcome.RetryAt"/>.</summary>
    RetryAt = 2,

    /// <summary>The Pin may or may not exist: <see cref="PinPublishOutcome.Unknown"/>.</summary>
    Unknown = 3,

    /// <summary>The account must be connected again: <see cref="PinPublishOutcome.Reauthorize"/>.</summary>
    Reauthorize = 4,

    /// <summary>The account's token lacks a scope: <see cref="PinPublishOutcome.MissingScope"/>.</summary>
    MissingScope = 5,

    /// <summary>The app's client id or secret was refused: <see cref="PinPublishOutcome.AppCredentialsRejected"/>.</summary>
    AppCredentialsRejected = 6,
}
