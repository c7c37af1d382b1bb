using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>The answer to <c>GET /v5/media/{media_id}</c>.</summary>
public sealed class MediaUploadDetails
{
    /// <summary>The media id.</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string MediaId { get; set; } = string.Empty;

    /// <summary><c>video</c>.</summary>
    public string? MediaType { get; set; }

    /// <summary>The processing status.</summary>
    public MediaUploadStatus Status { get; set; }
}
