
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>The mutable state of one registered video; always accessed under the <see cref="VideoMediaStore"/>'s lock.</summary>
internal sealed class MediaState
{
    public required string MediaId { get; init; }

    public required string AccountId { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>The S3-like form fields the upload must repeat exactly.</summary>
    public required IReadOnlyDictionary<string, string> UploadParameters { get; init; }

    public DateTimeOffset? UploadedAt { get; set; }

    public long? UploadedBytes { get; set; }

    public bool ForceFail { get; set; }

    public EmulatedMediaStatus StatusAt(DateTimeOffset now, TimeSpan processingTime)
    {
        if (UploadedAt is not { } uploadedAt)
        {
            return EmulatedMediaStatus.Registered;
        }

        if (now - uploadedAt < processingTime)
        {
            return EmulatedMediaStatus.Processing;
        }

        return ForceFail ? EmulatedMediaStatus.Failed : EmulatedMediaStatus.Succeeded;
    }

    public EmulatedMedia Snapshot(DateTimeOffset now, TimeSpan processingTime) => new()
    {
        MediaId = MediaId,
        AccountId = AccountId,
        Status = StatusAt(now, processingTime),
        RegisteredAt = RegisteredAt,
        UploadedAt = UploadedAt,
        UploadedBytes = UploadedBytes,
        UploadParameters = UploadParameters,
    };

    /// <summary>A status as the API spells it: <c>registered</c>, <c>processing</c>, <c>succeeded</c>, <c>failed</c>.</summary>
    public static string StatusName(EmulatedMediaStatus status) => status.ToString().ToLowerInvariant();
}
