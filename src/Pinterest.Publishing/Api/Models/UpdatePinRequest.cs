using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// The body of <c>PATCH /v5/pins/{pin_id}</c> (the spec's <c>PinUpdate</c>). Only the properties that are set are sent;
/// a property left <see langword="null"/> keeps the Pin's current value.
/// </summary>
public sealed class UpdatePinRequest
{
    /// <summary>The new title (at most 100 characters).</summary>
    public string? Title { get; set; }

    /// <summary>The new description (at most 800 characters).</summary>
    public string? Description { get; set; }

    /// <summary>The new destination link (at most 2,048 characters).</summary>
    public string? Link { get; set; }

    /// <summary>The new alternative text (at most 500 characters).</summary>
    public string? AltText { get; set; }

    /// <summary>The board to move the Pin to (digits).</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? BoardId { get; set; }

    /// <summary>The board section to move the Pin to (digits).</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? BoardSectionId { get; set; }
}
