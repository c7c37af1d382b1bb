
namespace Pinterest.Publishing.Testing;

/// <summary>One request received by the emulator's S3-like upload endpoint, successful or not.</summary>
public sealed record EmulatedUpload
{
    /// <summary>The media id from the upload URL.</summary>
    public required string MediaId { get; init; }

    /// <summary>The HTTP status the endpoint answered (204 on success, 403, 404 or 411 otherwise).</summary>
    public int StatusCode { get; init; }

    /// <summary>The <c>Content-Length</c> the request declared, or <see langword="null"/> when it had none (chunked).</summary>
    public long? ContentLength { get; init; }

    /// <summary>The number of bytes received in the <c>file</c> part.</summary>
    public long FileLength { get; init; }

    /// <summary>The file name of the <c>file</c> part, if any.</summary>
    public string? FileName { get; init; }

    /// <summary>The content type of the <c>file</c> part, if any.</summary>
    public string? FileContentType { get; init; }

    /// <summary>The names of the form parts in the order received.</summary>
    public IReadOnlyList<string> PartNames { get; init; } = [];

    /// <summary>Whether the request carried an <c>Authorization</c> header (a Pinterest bearer token must never be sent to the upload host).</summary>
    public bool CarriedAuthorization { get; init; }

    /// <summary>Whether the <c>Authorization</c> header held a bearer token issued by this emulator.</summary>
    public bool CarriedPinterestBearerToken { get; init; }

    /// <summary>Why the upload was rejected, or <see langword="null"/> when it succeeded.</summary>
    public string? RejectionReason { get; init; }
}
