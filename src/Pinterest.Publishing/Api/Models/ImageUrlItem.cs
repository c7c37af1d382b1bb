
namespace Pinterest.Publishing.Api.Models;

/// <summary>One image of a <c>multiple_image_urls</c> media source.</summary>
public sealed class ImageUrlItem
{
    /// <summary>The image URL.</summary>
    public required string Url { get; set; }

    /// <summary>The item's title.</summary>
    public string? Title { get; set; }

    /// <summary>The item's description.</summary>
    public string? Description { get; set; }

    /// <summary>The item's link.</summary>
    public string? Link { get; set; }
}
