
namespace Pinterest.Publishing;

/// <summary>
/// The create call failed ambiguously (timeout, 5xx or a reset after the request was sent) and reconciliation found no
/// matching Pin: the Pin may or may not exist. Do not blindly publish again; check the board first.
/// </summary>
public sealed class PinterestPublishOutcomeUnknownException : PinterestException
{
    /// <summary>Creates the exception.</summary>
    public PinterestPublishOutcomeUnknownException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestPublishOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestPublishOutcomeUnknownException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an attempt.</summary>
    public PinterestPublishOutcomeUnknownException(string message, DateTimeOffset attemptStartedAt, Exception? innerException = null)
        : base(message, innerException)
    {
        AttemptStartedAt = attemptStartedAt;
    }

    /// <summary>When the ambiguous create attempt began; a Pin created on the board after this time may be the one.</summary>
    public DateTimeOffset AttemptStartedAt { get; }
}
