using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>A Pin as Pinterest returns it.</summary>
public sealed class Pin
{
    /// <summary>The Pin id.</summary>
    [JsonRequired]
    [JsonConverter(typeof(PinterestIdConverter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>When the Pin was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>The destination link.</summary>
    public string? Link { get; set; }

    /// <summary>The title.</summary>
    public string? Title { get; set; }

    /// <summary>The description.</summary>
    public string? Description { get; set; }

    /// <summary>The dominant colour, <c>#RRGGBB</c>.</summary>
    public string? DominantColor { get; set; }

    /// <summary>The alternative text.</summary>
    public string? AltText { get; set; }

    /// <summary>The board the Pin is on.</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? BoardId { get; set; }

    /// <summary>The board section, if any.</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? BoardSectionId { get; set; }

    /// <summary>The parent Pin when this one is a save of another.</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? ParentPinId { get; set; }

    /// <summary>Whether the Pin is owned by the user.</summary>
    public bool? IsOwner { get; set; }

    /// <summary>The media of the Pin.</summary>
    public PinMediaSummary? Media { get; set; }
}
