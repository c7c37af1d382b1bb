
namespace Pinterest.Publishing.Api.Models;

/// <summary>One image of a <c>multiple_image_base64</c> media source.</summary>
public sealed class ImageBase64Item
{
    /// <summary><c>image/jpeg</c> or <c>image/png</c>.</summary>
    public required string ContentType { get; set; }

    /// <summary>Bare base64.</summary>
    public required string Data { get; set; }

    /// <summary>The item's title.</summary>
    public string? Title { get; set; }

    /// <summary>The item's description.</summary>
    public string? Description { get; set; }

    /// <summary>The item's link.</summary>
    public string? Link { get; set; }
}
