using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>A section of a board.</summary>
public sealed class BoardSection
{
    /// <summary>The section id (digits).</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string Id { get; set; } = string.Empty;

    /// <summary>The section name.</summary>
    public string? Name { get; set; }
}
