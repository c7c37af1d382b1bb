using System.Buffers.Binary;
using System.Text;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>One box (atom) of an ISO base media file (MP4, MOV, M4V) as its header declares it.</summary>
/// <param name="Type">The four-character type, big-endian (<c>moov</c> is 0x6D6F6F76).</param>
/// <param name="Offset">Where the box starts, from the start of the file.</param>
/// <param name="Size">The declared size including the header; for a box that extends to the end of a file of unknown length, the bytes seen.</param>
/// <param name="ExtendsToEnd">Whether the header's size was 0 (the box runs to the end of the file).</param>
internal readonly record struct IsoBmffBox(uint Type, long Offset, long Size, bool ExtendsToEnd)
{
    /// <summary>The offset just past the box.</summary>
    public long End => Offset + Size;

    /// <summary>The type as text (<c>moov</c>); bytes outside printable ASCII become <c>?</c>.</summary>
    public string TypeName
    {
        get
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, Type);
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = bytes[i] is >= 0x20 and < 0x7F ? bytes[i] : (byte)'?';
            }

            return Encoding.ASCII.GetString(bytes);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{TypeName}@{Offset}+{Size}";

    /// <summary>The big-endian type code of a four-character type.</summary>
    public static uint TypeOf(ReadOnlySpan<byte> fourCc) => BinaryPrimitives.ReadUInt32BigEndian(fourCc);
}
