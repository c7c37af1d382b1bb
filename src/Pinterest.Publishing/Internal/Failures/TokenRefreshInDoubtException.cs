using System.Net;

namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// A refresh of the account failed in a way Pinterest may have processed (a 5xx or 408, a reset or a timeout once sent,
/// a success whose body never arrived or could not be read): the refresh token it sent may be spent, and the store (read again) holds no newer
/// token. Transient, but not retried at once by any layer (the failure classifier's
/// <see cref="FailureKind.TokenRefreshInDoubt"/>): an immediate resend of a spent refresh token would only be refused
/// and report the account for reconnecting. The next attempt, later, reads the store and refreshes again.
/// </summary>
internal sealed class TokenRefreshInDoubtException(string message, HttpStatusCode statusCode, Exception? innerException = null)
    : PinterestApiException(message, statusCode, requestId: (innerException as PinterestApiException)?.RequestId, innerException: innerException)
{
    /// <inheritdoc/>
    public override bool IsTransient => true;

    /// <summary>The in-doubt error for the account's failed refresh; its message names the failure's type and status only.</summary>
    public static TokenRefreshInDoubtException For(string accountId, Exception failure) => new(
        $"Refreshing the Pinterest token of account '{accountId}' failed in a way Pinterest may have processed ({failure.GetType().Name}{(failure is PinterestApiException { StatusCode: not 0 } api ? $", HTTP {(int)api.StatusCode}" : string.Empty)}): the refresh token it sent may be spent, so it is not sent again at once, and the token store holds no newer token. Try again later.",
        (failure as PinterestApiException)?.StatusCode ?? 0,
        failure);
}
