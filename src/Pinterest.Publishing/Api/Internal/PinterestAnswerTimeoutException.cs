using System.Net;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Pinterest answered with a status, then the rest of the answer did not come in time. Transient: the next attempt may
/// well succeed. For a create the status (often 201) also marks it ambiguous, so it is reconciled, never retried blindly.
/// </summary>
internal sealed class PinterestAnswerTimeoutException(string message, HttpStatusCode statusCode, string? requestId, Exception innerException)
    : PinterestApiException(message, statusCode, requestId: requestId, innerException: innerException)
{
    public override bool IsTransient => true;
}
