
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>The four-character types of the boxes an ISO-BMFF walk follows or reads, as big-endian codes.</summary>
internal static class IsoBmffBoxTypes
{
    /// <summary>The movie: the metadata of every track.</summary>
    public static readonly uint Moov = IsoBmffBox.TypeOf("moov"u8);

    /// <summary>A movie fragment (top level): the file is fragmented.</summary>
    public static readonly uint Moof = IsoBmffBox.TypeOf("moof"u8);

    /// <summary>The movie header: time scale and duration.</summary>
    public static readonly uint Mvhd = IsoBmffBox.TypeOf("mvhd"u8);

    /// <summary>The movie extends box: the movie has fragments.</summary>
    public static readonly uint Mvex = IsoBmffBox.TypeOf("mvex"u8);

    /// <summary>The movie extends header: a fragmented movie's whole duration.</summary>
    public static readonly uint Mehd = IsoBmffBox.TypeOf("mehd"u8);

    /// <summary>A track.</summary>
    public static readonly uint Trak = IsoBmffBox.TypeOf("trak"u8);

    /// <summary>The track header: presentation size and matrix.</summary>
    public static readonly uint Tkhd = IsoBmffBox.TypeOf("tkhd"u8);

    /// <summary>A track's media.</summary>
    public static readonly uint Mdia = IsoBmffBox.TypeOf("mdia"u8);

    /// <summary>The handler reference: what kind of track (video, sound...).</summary>
    public static readonly uint Hdlr = IsoBmffBox.TypeOf("hdlr"u8);

    /// <summary>The video handler type.</summary>
    public static readonly uint Vide = IsoBmffBox.TypeOf("vide"u8);
}
