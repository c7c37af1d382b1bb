using System.Net;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The token endpoint answered success with a body that is no token (cut-off JSON, an HTML page, neither an access
/// token nor a refresh token). Pinterest processed the grant, so a refresh token it was sent is spent, and the answer
/// carried nothing to keep. Transient for a caller of <see cref="OAuthClient"/>; the token manager's refresh treats it
/// as in doubt (<see cref="TokenRefreshInDoubtException"/>: the store is read again, and the spent refresh token is not
/// sent again at once).
/// </summary>
internal sealed class UnreadableTokenAnswerException(string message, HttpStatusCode statusCode, string? requestId = null, Exception? innerException = null)
    : TransientAnswerException(message, statusCode, requestId, innerException);
