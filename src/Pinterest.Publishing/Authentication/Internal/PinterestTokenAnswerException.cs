using System.Net;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// The token endpoint answered success with data that is not a usable token (no access token, unreadable JSON).
/// Transient: the refresh token was not rejected, and any rotated refresh token the answer carried has been kept, so
/// the next attempt refreshes again; a scheduled Pin is retried, never rejected, and the account needs no reconnecting.
/// </summary>
internal sealed class PinterestTokenAnswerException(string message, HttpStatusCode statusCode, string? requestId = null, Exception? innerException = null)
    : TransientAnswerException(message, statusCode, requestId, innerException);
