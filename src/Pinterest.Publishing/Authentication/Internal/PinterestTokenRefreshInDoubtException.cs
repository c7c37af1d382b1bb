using System.Net;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// A refresh of the account failed in a way Pinterest may have processed (a 5xx or 408, a reset or a timeout once sent,
/// a success whose body never arrived): the refresh token it sent may be spent, and the store (read again) holds no newer
/// token. Transient, but not retried at once by any layer (the failure classifier's
/// <see cref="FailureKind.TokenRefreshInDoubt"/>): an immediate resend of a spent refresh token would only be refused
/// and report the account for reconnecting. The next attempt, later, reads the store and refreshes again.
/// </summary>
internal sealed class PinterestTokenRefreshInDoubtException(string message, HttpStatusCode statusCode, Exception? innerException = null)
    : PinterestApiException(message, statusCode, requestId: (innerException as PinterestApiException)?.RequestId, innerException: innerException)
{
    /// <inheritdoc/>
    public override bool IsTransient => true;

    /// <summary>
    /// Whether a failed refresh may have been processed: answered 5xx or 408, no answer once sent (a reset, a timeout), or
    /// a success whose body never arrived. Not a refusal, a 429, a refused connection, nor a success without a token.
    /// </summary>
    public static bool MayHaveBeenProcessed(Exception failure) =>
        failure is not PinterestTokenAnswerException
        && FailureClassifier.Classify(failure) is FailureKind.Transient or FailureKind.UnusableAnswer or FailureKind.TransportFailed or FailureKind.TimedOut or FailureKind.IOFailed;

    /// <summary>The in-doubt error for the account's failed refresh.</summary>
    public static PinterestTokenRefreshInDoubtException For(string accountId, Exception failure) => new(
        $"Refreshing the Pinterest token of account '{accountId}' failed in a way Pinterest may have processed ({failure.GetType().Name}{(failure is PinterestApiException { StatusCode: not 0 } api ? $", HTTP {(int)api.StatusCode}" : string.Empty)}): the refresh token it sent may be spent, so it is not sent again at once, and the token store holds no newer token. Try again later.",
        (failure as PinterestApiException)?.StatusCode ?? 0,
        failure);
}
