
namespace Pinterest.Publishing.Testing;

/// <summary>A Pin stored by the emulator with every field it received.</summary>
public sealed record EmulatedPin
{
    /// <summary>The numeric Pin id.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the account that created the Pin.</summary>
    public required string AccountId { get; init; }

    /// <summary>The board the Pin was saved to.</summary>
    public required string BoardId { get; init; }

    /// <summary>The board section, if any.</summary>
    public string? BoardSectionId { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The destination link.</summary>
    public string? Link { get; init; }

    /// <summary>The alt text.</summary>
    public string? AltText { get; init; }

    /// <summary>The dominant colour, e.g. <c>#6E7874</c>.</summary>
    public string? DominantColor { get; init; }

    /// <summary>The <c>media_source.source_type</c> the Pin was created with: <c>image_url</c>, <c>image_base64</c>,
    /// <c>multiple_image_urls</c>, <c>multiple_image_base64</c> or <c>video_id</c>.</summary>
    public required string MediaSourceType { get; init; }

    /// <summary>The images (one for an image Pin, 2–5 for a carousel, none for a video).</summary>
    public IReadOnlyList<EmulatedPinImage> Images { get; init; } = [];

    /// <summary>The image URLs of <see cref="Images"/> that were given by URL, in order.</summary>
    public IReadOnlyList<string> ImageUrls => Images.Where(i => i.Url is not null).Select(i => i.Url!).ToArray();

    /// <summary>The media id of a video Pin.</summary>
    public string? MediaId { get; init; }

    /// <summary>The video cover URL (<c>cover_image_url</c>).</summary>
    public string? CoverImageUrl { get; init; }

    /// <summary>The video cover content type (<c>cover_image_content_type</c>).</summary>
    public string? CoverImageContentType { get; init; }

    /// <summary>The decoded video cover bytes (<c>cover_image_data</c>).</summary>
    public ReadOnlyMemory<byte>? CoverImageData { get; init; }

    /// <summary>The video cover key frame time in seconds (<c>cover_image_key_frame_time</c>).</summary>
    public int? CoverImageKeyFrameTime { get; init; }

    /// <summary>When the Pin was created, on the emulator's clock.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Pin this one is a save of (<c>POST /v5/pins/{pin_id}/save</c>), or <see langword="null"/> for a Pin created here.</summary>
    public string? ParentPinId { get; init; }
}
