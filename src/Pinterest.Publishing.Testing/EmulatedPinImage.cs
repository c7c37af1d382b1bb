
namespace Pinterest.Publishing.Testing;

/// <summary>One image of a stored Pin: the single image of an image Pin or one item of a carousel.</summary>
public sealed record EmulatedPinImage
{
    /// <summary>The image URL when the image was given by URL.</summary>
    public string? Url { get; init; }

    /// <summary>The content type when the image was sent as base64 (<c>image/jpeg</c> or <c>image/png</c>).</summary>
    public string? ContentType { get; init; }

    /// <summary>The decoded bytes when the image was sent as base64.</summary>
    public ReadOnlyMemory<byte>? Data { get; init; }

    /// <summary>The carousel item's own title.</summary>
    public string? Title { get; init; }

    /// <summary>The carousel item's own description.</summary>
    public string? Description { get; init; }

    /// <summary>The carousel item's own link.</summary>
    public string? Link { get; init; }
}
