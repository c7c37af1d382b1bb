
namespace Pinterest.Publishing.Testing;

/// <summary>A snapshot of a registered video upload.</summary>
public sealed record EmulatedMedia
{
    /// <summary>The numeric media id.</summary>
    public required string MediaId { get; init; }

    /// <summary>The account that registered the upload.</summary>
    public required string AccountId { get; init; }

    /// <summary>The media type (<c>video</c>).</summary>
    public string MediaType { get; init; } = "video";

    /// <summary>The status at the moment of the snapshot.</summary>
    public EmulatedMediaStatus Status { get; init; }

    /// <summary>When the upload was registered.</summary>
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When the file was uploaded, if it was.</summary>
    public DateTimeOffset? UploadedAt { get; init; }

    /// <summary>The size in bytes of the uploaded file, if it was uploaded.</summary>
    public long? UploadedBytes { get; init; }

    /// <summary>The presigned form fields registration handed out, which the upload must repeat (secrets a client must never log).</summary>
    public IReadOnlyDictionary<string, string> UploadParameters { get; init; } = new Dictionary<string, string>();
}
