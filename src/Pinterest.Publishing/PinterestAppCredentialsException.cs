
namespace Pinterest.Publishing;

/// <summary>
/// Pinterest's OAuth token endpoint refused the app's own credentials (HTTP 401 code 2, "Authentication failed."): the
/// configured client id or client secret is wrong, or the secret was rotated in the Pinterest developer portal. This is
/// the app's configuration, not any account's: no account needs connecting again, and retrying the same call fails the
/// same way until the settings are fixed. Its message names the settings, never their values; the cause (Pinterest's
/// answer, with its request id) is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class PinterestAppCredentialsException : PinterestException
{
    /// <summary>Creates the exception.</summary>
    public PinterestAppCredentialsException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestAppCredentialsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestAppCredentialsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
