using System.Buffers.Binary;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Walks a JPEG's segments as its bytes arrive, in pieces of any size, without keeping them: only each segment's
/// 4-byte marker and length, the first bytes of an APP1 <c>Exif</c> segment (for <see cref="ExifOrientation"/>) and the
/// start of the frame header (SOFn: height and width) are kept. So a frame header far into the file costs the bytes
/// before it on the wire but not in memory, and a caller that can fetch by range may jump over a segment's payload
/// (<see cref="ResumeOffset"/>, <see cref="JumpTo"/>). No pixel is decoded.
/// </summary>
internal sealed class JpegHeaderScanner
{
    /// <summary>How much of an APP1 <c>Exif</c> payload is kept: IFD0, which holds the orientation, comes first.</summary>
    private const int ExifKept = 4096;

    /// <summary>Precision (1), height (2) and width (2): the start of a frame header's payload.</summary>
    private const int FrameFieldsLength = 5;

    private readonly byte[] _head = new byte[4];
    private int _headCount;
    private long _skip = 2; // the SOI marker, recognised by the caller
    private bool _inPayload = true;
    private byte _marker;
    // One buffer for what a segment keeps, reused: a file of many small APP1 segments allocates it once.
    private byte[]? _keepBuffer;
    private int _keepTarget;
    private int _keptCount;
    private bool _exifSeen;

    /// <summary>Where the walk is.</summary>
    public JpegScanState State { get; private set; }

    /// <summary>The offset in the file of the next byte to feed.</summary>
    public long Offset { get; private set; }

    /// <summary>The stored width (from the frame header), once <see cref="JpegScanState.Found"/>.</summary>
    public int Width { get; private set; }

    /// <summary>The stored height (from the frame header), once <see cref="JpegScanState.Found"/>.</summary>
    public int Height { get; private set; }

    /// <summary>The EXIF orientation seen before the frame header; <see cref="ExifOrientation.Upright"/> without one.</summary>
    public int Orientation { get; private set; } = ExifOrientation.Upright;

    /// <summary>The offset up to which bytes are needed before the walk can take its next step.</summary>
    public long NextBoundary => _inPayload ? Offset + _skip : Offset - _headCount + 4;

    /// <summary>
    /// The first offset whose byte the walk needs: past the rest of a payload it keeps nothing of, else <see cref="Offset"/>.
    /// A caller fetching by range may start there and call <see cref="JumpTo"/>.
    /// </summary>
    public long ResumeOffset => _inPayload && _keepTarget == 0 ? Offset + _skip : Offset;

    /// <summary>Skips to <paramref name="offset"/>, which lies between <see cref="Offset"/> and <see cref="ResumeOffset"/>.</summary>
    public void JumpTo(long offset)
    {
        if (offset < Offset || offset > ResumeOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "The walk can only skip the rest of a payload it does not keep.");
        }

        _skip -= offset - Offset;
        Offset = offset;
    }

    /// <summary>The header so far: dimensions and orientation once found.</summary>
    public MediaHeader ToHeader() => State == JpegScanState.Found
        ? MediaHeader.Image(MediaFormat.Jpeg, Width, Height) with { Orientation = Orientation }
        : MediaHeader.Unreadable(MediaFormat.Jpeg);

    /// <summary>Feeds the next bytes of the file (from <see cref="Offset"/>); stops taking them once found or failed.</summary>
    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && State == JpegScanState.Walking)
        {
            if (_inPayload)
            {
                var n = (int)Math.Min(_skip, data.Length);
                if (_keptCount < _keepTarget)
                {
                    var copy = Math.Min(n, _keepTarget - _keptCount);
                    data[..copy].CopyTo(_keepBuffer.AsSpan(_keptCount));
                    _keptCount += copy;
                }

                data = data[n..];
                Offset += n;
                _skip -= n;
                if (_skip == 0)
                {
                    EndSegment();
                }

                continue;
            }

            var b = data[0];
            data = data[1..];
            Offset++;
            StepHeader(b);
        }
    }

    private void StepHeader(byte b)
    {
        if (_headCount == 0)
        {
            if (b != 0xFF)
            {
                State = JpegScanState.Failed;
                return;
            }

            _headCount = 1;
            return;
        }

        if (_headCount == 1)
        {
            if (b == 0xFF)
            {
                // Fill bytes may precede a marker.
                return;
            }

            if (b is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                // A marker without a length.
                _headCount = 0;
                return;
            }

            if (b is 0xD9 or 0xDA)
            {
                // End of image or start of scan before any frame header.
                State = JpegScanState.Failed;
                return;
            }

            _marker = b;
        }

        _head[_headCount++] = b;
        if (_headCount < 4)
        {
            return;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(_head.AsSpan(2));
        if (length < 2)
        {
            State = JpegScanState.Failed;
            return;
        }

        _headCount = 0;
        _skip = length - 2;
        _inPayload = true;
        _keptCount = 0;
        _keepTarget = IsFrameHeader(_marker) ? Math.Min(FrameFieldsLength, (int)_skip)
            : _marker == 0xE1 && !_exifSeen && _skip > 6 ? Math.Min(ExifKept, (int)_skip)
            : 0;
        if (_keepTarget > 0 && (_keepBuffer is null || _keepBuffer.Length < _keepTarget))
        {
            _keepBuffer = new byte[_keepTarget <= FrameFieldsLength ? FrameFieldsLength : ExifKept];
        }

        if (_skip == 0)
        {
            EndSegment();
        }
    }

    private void EndSegment()
    {
        _inPayload = false;
        var kept = _keepBuffer.AsSpan(0, _keptCount);
        _keepTarget = 0;
        if (IsFrameHeader(_marker))
        {
            if (kept.Length < FrameFieldsLength)
            {
                State = JpegScanState.Failed;
                return;
            }

            Height = BinaryPrimitives.ReadUInt16BigEndian(kept[1..]);
            Width = BinaryPrimitives.ReadUInt16BigEndian(kept[3..]);

            // A height of 0 is defined later by a DNL marker, after the scan: not readable from a header.
            State = Width > 0 && Height > 0 ? JpegScanState.Found : JpegScanState.Failed;
            return;
        }

        if (ExifOrientation.IsExif(kept))
        {
            _exifSeen = true;
            Orientation = ExifOrientation.Read(kept);
        }
    }

    /// <summary>SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
}

/// <summary>Where a <see cref="JpegHeaderScanner"/> is.</summary>
internal enum JpegScanState
{
    /// <summary>Walking the segments; more bytes are needed.</summary>
    Walking = 0,

    /// <summary>The frame header was read.</summary>
    Found,

    /// <summary>Not a well-formed JPEG header: a scan or the end before any frame header, or a broken marker.</summary>
    Failed,
}
