
namespace Pinterest.Publishing.Api.Internal;

/// <summary>The body of <c>POST /v5/media</c>.</summary>
internal sealed class MediaUploadCreateRequest
{
    /// <summary>The only media type Pinterest registers.</summary>
    public const string Video = "video";

    public required string MediaType { get; set; }
}
