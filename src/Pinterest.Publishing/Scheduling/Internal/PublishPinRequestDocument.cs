namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// The stored shape of a <see cref="PublishPinRequest"/> (<see cref="PublishPinRequestJson"/>). Every member is
/// nullable so that a missing one is reported by name when read, not as a generic serializer error.
/// </summary>
/// <remarks>
/// A field is only ever added here (read as absent by older rows); a change of meaning or a removal raises
/// <see cref="PublishPinRequestJson.CurrentVersion"/> and keeps a reader for the old version.
/// </remarks>
internal sealed class PublishPinRequestDocument
{
    public int? V { get; set; }

    public string? AccountId { get; set; }

    public string? BoardId { get; set; }

    public string? BoardSectionId { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Link { get; set; }

    public string? AltText { get; set; }

    public string? DominantColor { get; set; }

    public MediaDocument? Media { get; set; }

    public DateTimeOffset? CreateDeadline { get; set; }

    public string? OperationId { get; set; }
}

/// <summary>
/// A <see cref="PinMedia"/>: <see cref="Type"/> is the discriminator (<c>image_url</c>, <c>image_inline</c>,
/// <c>carousel</c>, <c>video</c>) and says which of the other members are set.
/// </summary>
internal sealed class MediaDocument
{
    public string? Type { get; set; }

    public string? Url { get; set; }

    public byte[]? Data { get; set; }

    public string? ContentType { get; set; }

    public List<CarouselItemDocument?>? Items { get; set; }

    public VideoSourceDocument? Source { get; set; }

    public VideoCoverDocument? Cover { get; set; }
}

/// <summary>A <see cref="CarouselItem"/>.</summary>
internal sealed class CarouselItemDocument
{
    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Link { get; set; }
}

/// <summary>A <see cref="VideoSource"/>; <see cref="Type"/> is the discriminator (<c>file</c>, <c>url</c>, <c>uploaded_media</c>).</summary>
internal sealed class VideoSourceDocument
{
    public string? Type { get; set; }

    public string? Path { get; set; }

    public string? Url { get; set; }

    public string? MediaId { get; set; }
}

/// <summary>A <see cref="VideoCover"/>; <see cref="Type"/> is the discriminator (<c>url</c>, <c>key_frame</c>).</summary>
internal sealed class VideoCoverDocument
{
    public string? Type { get; set; }

    public string? Url { get; set; }

    public TimeSpan? Time { get; set; }
}
