using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Api.Models;

/// <summary>One Pin of a <see cref="TopPinsReport"/>.</summary>
public sealed class TopPin
{
    /// <summary>The Pin id.</summary>
    [JsonConverter(typeof(PinterestIdConverter))]
    public string? PinId { get; set; }

    /// <summary>Each requested metric's value over the window, by metric name.</summary>
    public Dictionary<string, double>? Metrics { get; set; }

    /// <summary>The availability of each metric (<c>READY</c>, <c>PROCESSING</c>…), as Pinterest keys it.</summary>
    public Dictionary<string, string>? DataStatus { get; set; }
}
