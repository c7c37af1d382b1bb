using System.Net;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Pinterest answered with a status, then the rest of the answer did not come in time. Transient: the next attempt may
/// well succeed. For a create the status (often 201) also marks it ambiguous, so it is reconciled, never retried blindly.
/// </summary>
internal sealed class PinterestAnswerTimeoutException(string message, HttpStatusCode statusCode, string? requestId, Exception innerException)
    : TransientAnswerException(message, statusCode, requestId, innerException);
