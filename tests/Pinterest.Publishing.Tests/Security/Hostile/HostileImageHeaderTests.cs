using System.Buffers.Binary;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;

namespace Pinterest.Publishing.Tests.Security.Hostile;

/// <summary>
/// Image headers that lie (huge declared sizes, thousands of segments or chunks, truncation) through
/// <see cref="MediaHeaderReader.Read"/>, which hands JPEG, PNG and GIF to StbImageSharp: no exception, bounded allocation.
/// </summary>
public sealed class HostileImageHeaderTests
{
    /// <summary>The reader copies at most a 512 KiB header into a pooled buffer; stb's own state is under 100 KB.</summary>
    private const long AllocationBound = 2 * 1024 * 1024;

    public static TheoryData<string> Inputs => [.. Hostile.Keys];

    private static readonly Dictionary<string, Func<byte[]>> Hostile = new(StringComparer.Ordinal)
    {
        ["jpeg: 65535×65535 frame"] = () => JpegWithSize(0xFFFF, 0xFFFF),
        ["jpeg: 0×0 frame"] = () => JpegWithSize(0, 0),
        ["jpeg: 100,000 empty APP segments before the frame"] = () => JpegWithSegments(100_000),
        ["jpeg: segment length past the end"] = () => JpegSegmentLengthPastTheEnd(),
        ["jpeg: frame header with 255 components, cut"] = () => JpegFrameWithComponents(255),
        ["png: 2147483647×2147483647"] = () => PngWithSize(int.MaxValue, int.MaxValue),
        ["png: chunk claiming 4 GiB after IHDR"] = () => PngWithChunkAfterIhdr(0xFFFF_FFF0, []),
        ["png: 60,000 empty chunks before IDAT"] = () => PngWithEmptyChunks(60_000),
        ["png: 20 MB inline image"] = () => TestMedia.PadPng(TestMedia.Bytes("large-1000x1500.png"), 20_000_000),
        ["png: PLTE claiming 2 GiB"] = () => PngWithChunkAfterIhdr(0x8000_0000, "PLTE"u8.ToArray()),
        ["gif: 65535×65535 with a global palette and nothing else"] = () => [.. "GIF89a"u8, 0xFF, 0xFF, 0xFF, 0xFF, 0xF7, 0, 0],
        ["gif: header only"] = () => "GIF89a"u8.ToArray(),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_lying_image_header_is_read_without_exception_within_the_allocation_bound(string input)
    {
        var bytes = Hostile[input]();

        foreach (var complete in new[] { true, false })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var header = MediaHeaderReader.Read(bytes, complete);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < AllocationBound, $"{input}: {allocated:N0} bytes allocated for {bytes.Length:N0} bytes");
            Assert.True(header.IsImage);
            Assert.True(header.BytesNeeded <= MediaHeaderReader.MaxHeaderLength);
        }
    }

    [Theory]
    [InlineData("square-100.jpg")]
    [InlineData("square-100.png")]
    [InlineData("square-100.gif")]
    [InlineData("square-100.webp")]
    public void Every_truncation_of_an_image_is_read_without_exception_within_the_allocation_bound(string file)
    {
        var bytes = TestMedia.Bytes(file);
        for (var length = 0; length <= bytes.Length; length++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var header = MediaHeaderReader.Read(bytes.AsSpan(0, length), isComplete: true);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < AllocationBound, $"{file}[..{length}]: {allocated:N0} bytes allocated");
            Assert.Equal(0, header.BytesNeeded);
        }
    }

    private static byte[] JpegWithSize(ushort width, ushort height)
    {
        var jpeg = TestMedia.Bytes("square-100.jpg");
        var sof = TestMedia.FindMarker(jpeg, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), width);
        return jpeg;
    }

    private static byte[] JpegWithSegments(int count)
    {
        var jpeg = TestMedia.Bytes("square-100.jpg");
        var segments = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            segments[i * 4] = 0xFF;
            segments[(i * 4) + 1] = 0xE1;
            segments[(i * 4) + 3] = 2;
        }

        return Concat(jpeg.AsSpan(0, 2).ToArray(), segments, jpeg.AsSpan(2).ToArray());
    }

    private static byte[] JpegSegmentLengthPastTheEnd() => [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 1, 2, 3];

    private static byte[] JpegFrameWithComponents(byte components) =>
        [0xFF, 0xD8, 0xFF, 0xC0, 0x00, (byte)(8 + (3 * components)), 8, 0x10, 0x00, 0x10, 0x00, components, 1, 0x11];

    private static byte[] PngWithSize(int width, int height)
    {
        var png = TestMedia.Bytes("square-100.png");
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        return png;
    }

    private static byte[] PngWithChunkAfterIhdr(uint declaredLength, byte[] type)
    {
        var png = TestMedia.Bytes("square-100.png");
        var chunkType = type.Length == 4 ? type : "prVt"u8.ToArray();
        return Concat(png.AsSpan(0, 33).ToArray(), U32(declaredLength), chunkType, new byte[64], png.AsSpan(33).ToArray());
    }

    private static byte[] PngWithEmptyChunks(int count)
    {
        var png = TestMedia.Bytes("square-100.png");
        var chunk = Concat(U32(0), "prVt"u8.ToArray(), U32(0));
        return Concat([png.AsSpan(0, 33).ToArray(), .. Enumerable.Repeat(chunk, count), png.AsSpan(33).ToArray()]);
    }
}
