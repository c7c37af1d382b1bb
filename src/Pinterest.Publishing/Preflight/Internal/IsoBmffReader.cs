
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// A small, iterative walker over ISO base media files (MP4, MOV, M4V): the top-level box layout, and from the
/// <c>moov</c> box the duration (<c>mvhd</c>, <c>mvex/mehd</c>) and the first video track's size (<c>trak/tkhd</c>,
/// <c>trak/mdia/hdlr</c>). Built for untrusted bytes: nothing is allocated from a size read from the file (fields are
/// read from fixed offsets into a stack buffer), every size is checked against the box holding it, nesting is an
/// explicit stack of at most <see cref="MaxDepth"/> levels, and at most <see cref="MaxBoxes"/> headers are read.
/// </summary>
internal static class IsoBmffReader
{
    /// <summary>The deepest container nesting followed (the walk needs three: moov/trak/mdia).</summary>
    public const int MaxDepth = 8;

    /// <summary>The most box headers read per file, at all levels: bounds the time a file of tiny boxes can take.</summary>
    public const int MaxBoxes = 10_000;

    /// <summary>The most top-level boxes listed in <see cref="IsoBmffLayout.TopLevelBoxes"/>.</summary>
    public const int MaxRecordedBoxes = 64;

    /// <summary>The largest <c>moov</c> box walked; real ones are kilobytes to a few megabytes.</summary>
    public const long MaxMoovSize = 64L * 1024 * 1024;

    /// <summary>Walks the first bytes of a file (a URL probe's prefix), or all of it when <paramref name="isComplete"/>.</summary>
    public static IsoBmffLayout Read(ReadOnlySpan<byte> data, bool isComplete)
    {
        var walk = new IsoBmffWalk(new IsoBmffSource(data, isComplete));
        return walk.Run();
    }

    /// <summary>
    /// Walks the top-level boxes from <paramref name="start"/> over the bytes held there (the first bytes of a file, or
    /// a part fetched with a ranged request), knowing the file's length when <paramref name="fileLength"/> is given: a box
    /// that runs past it is a truncated file, and a header outside the bytes held is where to read on
    /// (<see cref="IsoBmffLayout.NextBoxOffset"/>).
    /// </summary>
    public static IsoBmffLayout Read(ReadOnlySpan<byte> data, long start, long? fileLength)
    {
        var walk = new IsoBmffWalk(new IsoBmffSource(data, start, fileLength));
        return walk.Run();
    }

    /// <summary>
    /// Walks a seekable stream from its current position: top-level boxes such as <c>mdat</c> are seeked over and only
    /// box headers and the few fields needed are read. The caller restores the position.
    /// </summary>
    public static IsoBmffLayout Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        }

        var walk = new IsoBmffWalk(new IsoBmffSource(stream));
        return walk.Run();
    }
}
