
namespace Pinterest.Publishing.Testing;

/// <summary>The processing state of an uploaded medium, as <c>GET /v5/media/{media_id}</c> reports it.</summary>
public enum EmulatedMediaStatus
{
    /// <summary>Registered; nothing uploaded yet.</summary>
    Registered,

    /// <summary>Uploaded and being processed.</summary>
    Processing,

    /// <summary>Processed; usable in a video Pin.</summary>
    Succeeded,

    /// <summary>Processing failed.</summary>
    Failed,
}
