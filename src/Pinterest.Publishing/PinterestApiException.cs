using System.Net;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing;

/// <summary>Pinterest answered an API call with an error.</summary>
public class PinterestApiException : PinterestException
{
    /// <summary>Creates the exception.</summary>
    public PinterestApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from Pinterest's answer.</summary>
    /// <param name="message">What went wrong and how to fix it; never contains secrets.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">Pinterest's <c>code</c> from the error body.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> header, for Pinterest support.</param>
    /// <param name="retryAfter">The parsed <c>Retry-After</c>, when sent.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PinterestApiException(string message, HttpStatusCode statusCode, int? errorCode = null, string? requestId = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status Pinterest answered with.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Pinterest's error <c>code</c> (1 invalid parameter, 2 authentication failed, 3 missing scope, 8 rate limited, 29 not permitted (Trial access among other reasons), 40 board not found, 50 Pin not found…), when the body had one.</summary>
    public int? ErrorCode { get; }

    /// <summary>The <c>x-pinterest-rid</c> response header: quote it to Pinterest support.</summary>
    public string? RequestId { get; }

    /// <summary>How long Pinterest asked the caller to wait, from <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Pinterest's <c>message_detail</c> from the error body, when sent (scrubbed of secrets like the message): it can
    /// say more than <c>message</c>, a spam block's reason for one.
    /// </summary>
    public string? MessageDetail { get; init; }

    /// <summary>The <c>x-ratelimit-*</c> headers of the response, when sent.</summary>
    public PinterestRateLimitInfo? RateLimit { get; init; }

    /// <summary>
    /// <see langword="true"/> when the same request may succeed later without change (408, 429 that is not a spam block, 5xx).
    /// </summary>
    // Decided by the one failure model, like every other layer's reading of a failure.
    public virtual bool IsTransient => FailureClassifier.Classify(this) is FailureKind.Transient or FailureKind.RateLimited;
}
