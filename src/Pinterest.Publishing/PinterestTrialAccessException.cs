using System.Net;

namespace Pinterest.Publishing;

/// <summary>
/// Pinterest answered 403 code 29: the app has trial access, which cannot create Pins on production.
/// Use <see cref="PinterestEnvironment.Sandbox"/> with a sandbox token, or apply for standard access.
/// </summary>
public sealed class PinterestTrialAccessException : PinterestApiException
{
    /// <summary>Creates the exception.</summary>
    public PinterestTrialAccessException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestTrialAccessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestTrialAccessException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from Pinterest's answer.</summary>
    public PinterestTrialAccessException(string message, string? requestId, Exception? innerException = null)
        : base(message, HttpStatusCode.Forbidden, 29, requestId, null, innerException)
    {
    }
}
