
namespace Pinterest.Publishing;

/// <summary>The <c>x-ratelimit-*</c> headers of a response. Pinterest does not promise them; every member may be absent.</summary>
public sealed record PinterestRateLimitInfo
{
    /// <summary><c>x-ratelimit-limit</c>: the requests allowed in the window.</summary>
    public int? Limit { get; init; }

    /// <summary><c>x-ratelimit-remaining</c>: requests left in the window.</summary>
    public int? Remaining { get; init; }

    /// <summary><c>x-ratelimit-reset</c>: when the window resets, if it could be read.</summary>
    public DateTimeOffset? Reset { get; init; }
}
