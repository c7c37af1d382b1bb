using System.Net;

namespace Pinterest.Publishing;

/// <summary>Pinterest answered 429: too many requests, or a spam block.</summary>
public sealed class PinterestRateLimitException : PinterestApiException
{
    /// <summary>Creates the exception.</summary>
    public PinterestRateLimitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestRateLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestRateLimitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from Pinterest's answer.</summary>
    public PinterestRateLimitException(string message, int? errorCode, string? requestId, TimeSpan? retryAfter, bool isSpamBlock, Exception? innerException = null)
        : base(message, HttpStatusCode.TooManyRequests, errorCode, requestId, retryAfter, innerException)
    {
        IsSpamBlock = isSpamBlock;
    }

    /// <summary><see langword="true"/> when Pinterest flagged the request as spam: do not retry it soon.</summary>
    public bool IsSpamBlock { get; }

    /// <summary>
    /// The rate-limit category of the limited call (the spec's <c>x-ratelimit-category</c>: <c>org_read</c>,
    /// <c>org_write</c> or <c>org_analytics</c>). Pinterest limits each user of an app per category, so calls of other
    /// categories may still succeed; a spam block stops the whole account whatever the category. <see langword="null"/>
    /// when not known (also when a publish fails fast because its account is cooling down after a spam block).
    /// </summary>
    public string? RateLimitCategory { get; internal set; }

    /// <summary>
    /// <see langword="true"/> when the publish sent nothing because its account was already cooling down (another call
    /// of the account met the limit or block), <see langword="false"/> when this publish met Pinterest's 429 itself.
    /// Only the publish that met a spam block spends a scheduling attempt on it.
    /// </summary>
    internal bool FailedFast { get; init; }
}
