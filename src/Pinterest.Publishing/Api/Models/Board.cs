using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>A board.</summary>
public sealed class Board
{
    /// <summary>The board id (digits): what <c>board_id</c> takes.</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>The board name (not an id).</summary>
    public string? Name { get; set; }

    /// <summary>The description.</summary>
    public string? Description { get; set; }

    /// <summary><c>PUBLIC</c>, <c>PROTECTED</c> or <c>SECRET</c>.</summary>
    public string? Privacy { get; set; }

    /// <summary>When the board was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>How many Pins the board holds.</summary>
    public int? PinCount { get; set; }

    /// <summary>How many users follow the board.</summary>
    public int? FollowerCount { get; set; }

    /// <summary>The owner.</summary>
    public BoardOwner? Owner { get; set; }
}
