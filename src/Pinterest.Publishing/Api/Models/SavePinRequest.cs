using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>The body of <c>POST /v5/pins/{pin_id}/save</c>: where to save an existing Pin.</summary>
public sealed class SavePinRequest
{
    /// <summary>The board to save the Pin to (digits).</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? BoardId { get; set; }

    /// <summary>The board section to save the Pin to (digits), or <see langword="null"/>.</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? BoardSectionId { get; set; }
}
