using System.Net;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// The token endpoint answered a refresh with a rotated refresh token but no access token. The rotated refresh token
/// has been stored (the one sent is spent), so the failure is transient and safe to retry at once: the next attempt
/// refreshes with the stored token; a scheduled Pin is retried, never rejected, and the account needs no reconnecting.
/// An answer that cannot be read at all is another case: in doubt, since nothing could be kept.
/// </summary>
internal sealed class PinterestTokenAnswerException(string message, HttpStatusCode statusCode, string? requestId = null, Exception? innerException = null)
    : TransientAnswerException(message, statusCode, requestId, innerException);
