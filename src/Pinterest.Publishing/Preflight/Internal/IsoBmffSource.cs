using System.Buffers.Binary;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// The bytes an <see cref="IsoBmffReader"/> walks: a part of a file held in memory (its first bytes, or a part fetched
/// with a ranged request further on) or a seekable stream. Reads are of a few bytes at a given offset, so a box is
/// never loaded whole and a stream is only read where a header or field lies.
/// </summary>
internal readonly ref struct IsoBmffSource
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly Stream? _stream;
    private readonly long _origin;

    /// <summary>The first bytes of a file (or all of it).</summary>
    public IsoBmffSource(ReadOnlySpan<byte> data, bool isComplete)
        : this(data, start: 0, isComplete ? data.Length : null)
    {
    }

    /// <summary>
    /// The bytes of a file from <paramref name="start"/> on. When the file's length is known (a <c>Content-Range</c> or
    /// <c>Content-Length</c>), a box that runs past it is a truncated file, and the bytes not held are only not fetched.
    /// </summary>
    public IsoBmffSource(ReadOnlySpan<byte> data, long start, long? fileLength)
    {
        _data = data;
        Start = start;
        Length = Math.Max(fileLength ?? 0, start + data.Length);
        IsComplete = fileLength is not null;
    }

    /// <summary>A seekable stream; the file starts at its current position.</summary>
    public IsoBmffSource(Stream stream)
    {
        _stream = stream;
        _origin = stream.Position;
        Length = Math.Max(0, stream.Length - _origin);
        IsComplete = true;
    }

    /// <summary>Where the bytes held start in the file: where the walk of the top-level boxes begins.</summary>
    public long Start { get; }

    /// <summary>What a box header read found.</summary>
    public enum HeaderStatus
    {
        /// <summary>A header whose size fits the box holding it.</summary>
        Valid,

        /// <summary>The header lies past the bytes available.</summary>
        Unavailable,

        /// <summary>A size smaller than a header or larger than the box holding it.</summary>
        Malformed,
    }

    /// <summary>The file's length when known (<see cref="IsComplete"/>), else the end of the bytes held.</summary>
    public long Length { get; }

    /// <summary>Whether <see cref="Length"/> is the end of the file (not the end of the bytes held).</summary>
    public bool IsComplete { get; }

    /// <summary>Whether the bytes from <paramref name="offset"/> to the end of the file, or <paramref name="count"/> of them, are held.</summary>
    public bool Holds(long offset, long count)
    {
        var end = Math.Min(offset + count, Length);
        return _stream is not null ? offset >= 0 && end <= Length : offset >= Start && end <= Start + _data.Length;
    }

    /// <summary>Copies up to <paramref name="destination"/>'s length from <paramref name="offset"/>; returns how many were read.</summary>
    public int Read(long offset, Span<byte> destination)
    {
        if (_stream is null)
        {
            // Only the bytes held: a read in a part not fetched finds nothing, like one past the end.
            if (offset < Start || offset >= Start + _data.Length)
            {
                return 0;
            }

            var held = (int)Math.Min(destination.Length, Start + _data.Length - offset);
            _data.Slice((int)(offset - Start), held).CopyTo(destination);
            return held;
        }

        if (offset < 0 || offset >= Length)
        {
            return 0;
        }

        var count = (int)Math.Min(destination.Length, Length - offset);

        _stream.Position = _origin + offset;
        return _stream.ReadAtLeast(destination[..count], count, throwOnEndOfStream: false);
    }

    /// <summary>
    /// Reads the box header at <paramref name="offset"/> (at least 8 bytes of room are checked by the caller).
    /// <paramref name="parentEnd"/> is the end of the box holding it, or <see cref="long.MaxValue"/> at the top level.
    /// </summary>
    public HeaderStatus ReadBoxHeader(long offset, long parentEnd, out IsoBmffBox box, out int headerSize)
    {
        box = default;
        headerSize = 8;
        Span<byte> header = stackalloc byte[16];
        if (Read(offset, header[..8]) < 8)
        {
            return HeaderStatus.Unavailable;
        }

        var size32 = BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var room = parentEnd - offset;
        long size;
        var extendsToEnd = false;
        if (size32 == 1)
        {
            // A 64-bit "largesize" follows the type.
            headerSize = 16;
            if (room < 16)
            {
                return HeaderStatus.Malformed;
            }

            if (Read(offset + 8, header[8..]) < 8)
            {
                return HeaderStatus.Unavailable;
            }

            var large = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            if (large < 16 || large > (ulong)(long.MaxValue - offset))
            {
                return HeaderStatus.Malformed;
            }

            size = (long)large;
        }
        else if (size32 == 0)
        {
            // To the end of the file (or of the box holding it); a prefix's end is as far as it is known.
            extendsToEnd = true;
            size = (parentEnd == long.MaxValue ? Length : parentEnd) - offset;
        }
        else if (size32 < 8)
        {
            return HeaderStatus.Malformed;
        }
        else
        {
            size = size32;
        }

        if (size > room)
        {
            return HeaderStatus.Malformed;
        }

        box = new IsoBmffBox(type, offset, size, extendsToEnd);
        return HeaderStatus.Valid;
    }
}
