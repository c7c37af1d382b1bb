namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>What an image file's last bytes say about whether it is whole (<see cref="ImageTail"/>).</summary>
internal enum ImageEnding
{
    /// <summary>Not known: the end was not read, or it cannot tell (a format or trailer the check cannot judge).</summary>
    Unknown = 0,

    /// <summary>The file ends as its format says it must (PNG <c>IEND</c>; JPEG end-of-image, a trailer allowed after it).</summary>
    Intact,

    /// <summary>The file stops inside its image data: it is truncated.</summary>
    Truncated,
}
