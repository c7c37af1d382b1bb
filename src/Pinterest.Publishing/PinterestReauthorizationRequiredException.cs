
namespace Pinterest.Publishing;

/// <summary>
/// The account has no usable token: none is stored, the refresh token was rejected, or Pinterest still answered 401
/// after a refresh. The user must connect the account again through OAuth.
/// </summary>
public sealed class PinterestReauthorizationRequiredException : PinterestException
{
    /// <summary>Creates the exception.</summary>
    public PinterestReauthorizationRequiredException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestReauthorizationRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestReauthorizationRequiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an account.</summary>
    public PinterestReauthorizationRequiredException(string message, string? accountId, Exception? innerException = null)
        : base(message, innerException)
    {
        AccountId = accountId;
    }

    /// <summary>The host's account id that needs re-authorisation.</summary>
    public string? AccountId { get; }
}
