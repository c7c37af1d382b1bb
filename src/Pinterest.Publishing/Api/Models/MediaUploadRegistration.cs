using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>The answer to <c>POST /v5/media</c>: where and how to upload the video.</summary>
public sealed class MediaUploadRegistration
{
    /// <summary>The media id, used to poll and to create the Pin.</summary>
    [JsonRequired]
    [JsonConverter(typeof(PinterestIdConverter))]
    public string MediaId { get; set; } = string.Empty;

    /// <summary><c>video</c>.</summary>
    public string? MediaType { get; set; }

    /// <summary>The URL to POST the file to (multipart/form-data). Not a Pinterest API URL: never send the bearer token there.</summary>
    public Uri? UploadUrl { get; set; }

    /// <summary>
    /// The form fields to send before the file, in the order Pinterest gave them. These are signed credentials:
    /// never log them.
    /// </summary>
    public Dictionary<string, string>? UploadParameters { get; set; }

    // The default ToString would be harmless, but keep the signed fields out of any debugger/log rendering on purpose.
    /// <inheritdoc />
    public override string ToString() => $"MediaUploadRegistration {{ MediaId = {MediaId}, MediaType = {MediaType} }}";
}
