namespace Pinterest.Publishing;

/// <summary>One image of a carousel Pin, with optional per-image text and link.</summary>
/// <param name="Url">The image URL.</param>
public sealed record CarouselItem(Uri Url)
{
    /// <summary>The item's title, shown when the image is opened; at most 100 characters.</summary>
    public string? Title { get; init; }

    /// <summary>The item's description; at most 800 characters.</summary>
    public string? Description { get; init; }

    /// <summary>The item's destination link.</summary>
    public Uri? Link { get; init; }
}
