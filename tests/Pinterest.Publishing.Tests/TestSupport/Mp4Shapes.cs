using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// The shapes of MP4 files that real recorders and tools write, built box by box (ISO/IEC 14496-12) with
/// <see cref="IsoBoxes"/>: each documents which part of the file makes it what it is.
/// </summary>
internal static class Mp4Shapes
{
    /// <summary>An mdat larger than the 64 KiB prefix preflight reads first.</summary>
    public const int LargeMdat = 200_000;

    /// <summary>A 1080×1920 video track's movie box lasting <paramref name="seconds"/>.</summary>
    public static byte[] Moov(uint seconds) => Box("moov", Mvhd(1000, seconds * 1000), Trak(Tkhd(1080, 1920), "vide"));

    /// <summary>ffmpeg's default without <c>+faststart</c>, and most phone recordings: ftyp, a large mdat, then the moov.</summary>
    public static byte[] MoovAtEnd(uint seconds) => Concat(Ftyp(), Box("mdat", new byte[LargeMdat]), Moov(seconds));

    /// <summary>A faststart file (moov first) whose copy stopped <paramref name="missing"/> bytes before the end of its mdat.</summary>
    public static byte[] CutInsideMdat(int missing = 50_000)
    {
        var whole = Concat(Ftyp(), Moov(5), Box("mdat", new byte[LargeMdat]));
        return whole[..^missing];
    }

    /// <summary>A recording that never finished: ftyp and media data, no moov.</summary>
    public static byte[] WithoutMoov() => Concat(Ftyp(), Box("mdat", new byte[LargeMdat]));

    /// <summary>
    /// A fragmented MP4 (recorders, streaming output): a moov whose movie header says 0 with mvex (and mehd stating the
    /// whole duration when <paramref name="mehdSeconds"/> is given), then moof + mdat fragments.
    /// </summary>
    public static byte[] Fragmented(uint? mehdSeconds)
    {
        var trex = FullBox("trex", 0, U32(1), U32(1), U32(0), U32(0), U32(0));
        var mvex = mehdSeconds is { } seconds ? Box("mvex", FullBox("mehd", 0, U32(seconds * 1000)), trex) : Box("mvex", trex);
        var moov = Box("moov", Mvhd(1000, 0), Trak(Tkhd(1080, 1920), "vide"), mvex);
        var fragment = Concat(Box("moof", FullBox("mfhd", 0, U32(1))), Box("mdat", new byte[4096]));
        return Concat(Ftyp("iso5"), moov, fragment, fragment, fragment);
    }
}
