using System.Net;

namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// Pinterest answered success, but the answer could not be used (the rest of it did not arrive in time, or the token
/// endpoint sent no usable token). Not Pinterest's refusal: the next attempt may well succeed, so the failure
/// classifier calls it <see cref="FailureKind.Transient"/> whatever its status.
/// </summary>
internal abstract class TransientAnswerException(string message, HttpStatusCode statusCode, string? requestId, Exception? innerException)
    : PinterestApiException(message, statusCode, requestId: requestId, innerException: innerException);
