
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// What a walk over an ISO base media file (MP4, MOV, M4V) found: the movie's duration and picture size, and the
/// top-level box layout (where the <c>moov</c> is, whether the file is fragmented or cut short).
/// </summary>
internal sealed record IsoBmffLayout
{
    /// <summary>The first top-level boxes, in file order (at most <see cref="IsoBmffReader.MaxRecordedBoxes"/>).</summary>
    public required IReadOnlyList<IsoBmffBox> TopLevelBoxes { get; init; }

    /// <summary>How many top-level boxes were walked (recorded or not).</summary>
    public int TopLevelBoxCount { get; init; }

    /// <summary>The first <c>moov</c> box's header, when it was among the bytes read.</summary>
    public IsoBmffBox? Moov { get; init; }

    /// <summary>Whether the whole <c>moov</c> box was within the bytes read (see <see cref="LimitReached"/> and <see cref="IsMalformed"/> for whether all of it was walked).</summary>
    public bool MoovComplete { get; init; }

    /// <summary>
    /// When the walk stopped at the end of a prefix, how many bytes from the start would let it go on: the end of a
    /// <c>moov</c> that runs past the prefix, or the offset of the next top-level box header plus its 16 bytes (a
    /// <c>moov</c> behind a large <c>mdat</c> lies there or further). <see langword="null"/> when no more bytes would help.
    /// </summary>
    public long? BytesNeeded { get; init; }

    /// <summary>
    /// When no <c>moov</c> was found and the walk stopped at a top-level box header it does not hold: that header's
    /// offset, where a ranged read can go on (the <c>moov</c> of a file written without "faststart" lies there or further).
    /// </summary>
    public long? NextBoxOffset { get; init; }

    /// <summary>Whether every top-level box was walked to the end of a file of known length.</summary>
    public bool WalkedToEnd { get; init; }

    /// <summary>Whether the whole file was walked and holds no <c>moov</c>: no player can read it.</summary>
    public bool HasNoMovie => WalkedToEnd && Moov is null;

    /// <summary>Whether the file is fragmented (a top-level <c>moof</c>, or <c>mvex</c> in the <c>moov</c>).</summary>
    public bool HasFragments { get; init; }

    /// <summary>Whether a top-level box runs past the end of the complete file (a cut-off upload or download).</summary>
    public bool IsTruncated { get; init; }

    /// <summary>Whether a box header was invalid (smaller than a header, or larger than the box holding it).</summary>
    public bool IsMalformed { get; init; }

    /// <summary>Whether a bound (boxes visited, nesting depth, <c>moov</c> size) stopped the walk early.</summary>
    public bool LimitReached { get; init; }

    /// <summary>How many box headers were read, at any level.</summary>
    public int BoxesVisited { get; init; }

    /// <summary>The movie header's (<c>mvhd</c>) duration, when known.</summary>
    public TimeSpan? MovieDuration { get; init; }

    /// <summary>The movie extends header's (<c>mehd</c>) duration of a fragmented movie, when known.</summary>
    public TimeSpan? FragmentDuration { get; init; }

    /// <summary>
    /// The movie's duration: the fragmented duration when given, else the movie header's. In a fragmented file a movie
    /// header duration of 0 means "not stated here" (the fragments carry the media), so it is unknown, never 0 s.
    /// </summary>
    public TimeSpan? Duration => FragmentDuration is { Ticks: > 0 } ? FragmentDuration
        : HasFragments && MovieDuration is { Ticks: 0 } ? null
        : MovieDuration;

    /// <summary>Whether the file is fragmented and neither its movie header nor a <c>mehd</c> states its duration.</summary>
    public bool FragmentedDurationNotStated => HasFragments && Moov is not null && Duration is null;

    /// <summary>The displayed width of the first video track (after a 90° or 270° turn), when known.</summary>
    public int? Width { get; init; }

    /// <summary>The displayed height of the first video track (after a 90° or 270° turn), when known.</summary>
    public int? Height { get; init; }
}
