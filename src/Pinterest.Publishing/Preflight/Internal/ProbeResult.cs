
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>What probing one URL found.</summary>
internal sealed record ProbeResult
{
    /// <summary>How the probe ended.</summary>
    public required ProbeOutcome Outcome { get; init; }

    /// <summary>The final response's status code (after redirects), when a response came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The final response's media type, lower case, without parameters.</summary>
    public string? ContentType { get; init; }

    /// <summary>The resource's full size from <c>Content-Range</c> or <c>Content-Length</c>, or counted to the end.</summary>
    public long? TotalLength { get; init; }

    /// <summary>Whether the body was counted past the size limit without a declared length.</summary>
    public bool ExceededLimitWhileCounting { get; init; }

    /// <summary>Bytes of body read.</summary>
    public long BytesRead { get; init; }

    /// <summary>What the bytes read say about the media, when a body was read.</summary>
    public MediaHeader? Header { get; init; }

    /// <summary>A short reason for a failure, without the URL.</summary>
    public string? Detail { get; init; }

    /// <summary>Whether the final status is 2xx.</summary>
    public bool IsSuccess => Outcome == ProbeOutcome.Responded && StatusCode is >= 200 and < 300;

    /// <summary>Whether the final status is 2xx or 3xx.</summary>
    public bool IsSuccessOrRedirect => Outcome == ProbeOutcome.Responded && StatusCode is >= 200 and < 400;

    /// <summary>Whether the resource is known to be larger than <paramref name="maxBytes"/>.</summary>
    public bool IsLargerThan(long maxBytes) => TotalLength > maxBytes || ExceededLimitWhileCounting;

    /// <summary>How the probe ended, for a message: the status answered, or why there was no answer (never the URL).</summary>
    public string Describe() => Outcome switch
    {
        ProbeOutcome.Responded => $"it answered HTTP {StatusCode}",
        _ => Detail ?? Outcome.ToString(),
    };
}
