using System.Text.Json;

namespace Pinterest.Publishing.Api.Models;

/// <summary>The media part of a returned Pin.</summary>
public sealed class PinMediaSummary
{
    /// <summary><c>image</c>, <c>video</c>, <c>multiple_images</c>, <c>multiple_videos</c> or <c>multiple_mixed</c>.</summary>
    public string? MediaType { get; set; }

    /// <summary>The image renditions by size key (<c>150x150</c>, <c>400x300</c>, <c>600x</c>, <c>1200x</c>…), when Pinterest sends them.</summary>
    public Dictionary<string, JsonElement>? Images { get; set; }

    /// <summary>The items of a carousel Pin, when Pinterest sends them.</summary>
    public List<JsonElement>? Items { get; set; }

    /// <summary>The cover image URL of a video Pin.</summary>
    public string? CoverImageUrl { get; set; }

    /// <summary>The video duration in milliseconds, for video Pins.</summary>
    public double? Duration { get; set; }
}
