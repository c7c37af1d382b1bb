using System.Buffers.Binary;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// The few fields read from ISO-BMFF leaf boxes, at their fixed offsets (ISO/IEC 14496-12; QuickTime File Format).
/// Every read is checked against the bytes present: a short box yields nothing rather than an exception.
/// </summary>
internal static class IsoBmffFields
{
    /// <summary>The most bytes of a leaf box's content that are ever read (a version 1 <c>tkhd</c>).</summary>
    public const int MaxFieldBytes = 96;

    /// <summary>The movie header: time scale and duration (<see langword="null"/> duration when unknown).</summary>
    public static bool TryReadMovieHeader(ReadOnlySpan<byte> content, out uint timescale, out ulong? duration)
    {
        timescale = 0;
        duration = null;
        if (content.Length < 20)
        {
            return false;
        }

        if (content[0] == 1)
        {
            // version, flags (4); creation, modification (8 + 8); timescale (4); duration (8).
            if (content.Length < 32)
            {
                return false;
            }

            timescale = BinaryPrimitives.ReadUInt32BigEndian(content[20..]);
            var value = BinaryPrimitives.ReadUInt64BigEndian(content[24..]);
            duration = value == ulong.MaxValue ? null : value;
            return true;
        }

        // Version 0: creation, modification (4 + 4); timescale (4); duration (4).
        timescale = BinaryPrimitives.ReadUInt32BigEndian(content[12..]);
        var value32 = BinaryPrimitives.ReadUInt32BigEndian(content[16..]);
        duration = value32 == uint.MaxValue ? null : value32;
        return true;
    }

    /// <summary>The movie extends header: the whole fragmented movie's duration, in the movie's time scale.</summary>
    public static bool TryReadFragmentDuration(ReadOnlySpan<byte> content, out ulong duration)
    {
        duration = 0;
        if (content.Length >= 12 && content[0] == 1)
        {
            duration = BinaryPrimitives.ReadUInt64BigEndian(content[4..]);
            return true;
        }

        if (content.Length >= 8 && content[0] != 1)
        {
            duration = BinaryPrimitives.ReadUInt32BigEndian(content[4..]);
            return true;
        }

        return false;
    }

    /// <summary>
    /// The track header's presentation size (16.16 fixed point; only the integer part), swapped when the matrix turns
    /// the picture by 90° or 270° so that it is the displayed size. Audio tracks have a 0×0 size.
    /// </summary>
    public static bool TryReadTrackSize(ReadOnlySpan<byte> content, out int width, out int height)
    {
        width = 0;
        height = 0;

        // Version 1 has 64-bit creation, modification and duration: 12 more bytes before the matrix.
        var matrix = content.Length > 0 && content[0] == 1 ? 52 : 40;
        if (content.Length < matrix + 44)
        {
            return false;
        }

        width = (int)(BinaryPrimitives.ReadUInt32BigEndian(content[(matrix + 36)..]) >> 16);
        height = (int)(BinaryPrimitives.ReadUInt32BigEndian(content[(matrix + 40)..]) >> 16);
        if (width > 0 && height > 0 && IsQuarterTurn(
            BinaryPrimitives.ReadInt32BigEndian(content[matrix..]),
            BinaryPrimitives.ReadInt32BigEndian(content[(matrix + 4)..]),
            BinaryPrimitives.ReadInt32BigEndian(content[(matrix + 12)..]),
            BinaryPrimitives.ReadInt32BigEndian(content[(matrix + 16)..])))
        {
            (width, height) = (height, width);
        }

        return true;
    }

    /// <summary>The handler reference's type (<c>vide</c>, <c>soun</c>...), or 0.</summary>
    public static uint ReadHandlerType(ReadOnlySpan<byte> content) =>
        content.Length >= 12 ? BinaryPrimitives.ReadUInt32BigEndian(content[8..]) : 0;

    /// <summary>A duration in <paramref name="timescale"/> units as a <see cref="TimeSpan"/>, saturating at its maximum.</summary>
    public static TimeSpan? ToTimeSpan(ulong? value, uint timescale)
    {
        if (value is not { } units || timescale == 0)
        {
            return null;
        }

        var ticks = (UInt128)units * TimeSpan.TicksPerSecond / timescale;
        return ticks > (UInt128)TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : new TimeSpan((long)ticks);
    }

    /// <summary>
    /// Whether the matrix's rotation (a, b, c, d in 16.16) is about 90° or 270°: the angle of (a + c, b + d), less 45°,
    /// as QuickTime players derive it.
    /// </summary>
    private static bool IsQuarterTurn(int a, int b, int c, int d)
    {
        var degrees = (Math.Atan2((b / 65536.0) + (d / 65536.0), (a / 65536.0) + (c / 65536.0)) * (180 / Math.PI)) - 45;
        if (degrees < 0)
        {
            degrees += 360;
        }

        return Math.Abs((Math.Abs(degrees) % 180) - 90) < 1;
    }
}
