using System.Buffers.Binary;
using CsCheck;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;

namespace Pinterest.Publishing.Tests.Security.Hostile;

/// <summary>
/// Valid movies mutated at their box headers (sizes, 64-bit sizes, truncation, deep nesting, stray bytes): the video
/// header reader never throws, allocates a bounded amount and stops within its box budget.
/// </summary>
public sealed class IsoBmffFuzzProperties
{
    /// <summary>Generous: a walk allocates its result and a short list of top-level boxes.</summary>
    private const long AllocationBound = 256 * 1024;

    private static readonly byte[][] Seeds =
    [
        TestMedia.Bytes("video-5s.mp4"),
        TestMedia.Bytes("video-5s.mov"),
        TestMedia.Bytes("video-5s.m4v"),
        TestMedia.Bytes("video-5s-moov-at-end.mp4"),
        Movie(),
        Movie(moovFirst: false),
        HostileMp4.KeysEntryClaimingTwoGiB(),
        HostileMp4.NestedCanonTiff(depth: 50),
    ];

    private static readonly string[] Containers = ["moov", "trak", "mdia", "mvex", "udta", "meta", "uuid", "moof"];

    private static readonly uint[] Sizes = [0, 1, 2, 7, 8, 9, 15, 16, 17, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFF8, 0xFFFF_FFFF];

    private static readonly ulong[] LargeSizes = [0, 1, 8, 15, 16, 17, long.MaxValue, ulong.MaxValue, 1UL << 40];

    private static readonly Gen<(int Kind, int Where, uint Value)> Mutation = Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.UInt);

    private static readonly Gen<byte[]> Hostile = Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutation.Array[1, 6])
        .Select((seed, mutations) => mutations.Aggregate(Seeds[seed], Mutate));

    [Fact]
    public void Mutated_movies_are_read_without_exceptions_within_the_allocation_and_box_bounds()
    {
        Hostile.Sample(bytes =>
        {
            var prefix = bytes.AsSpan(0, Math.Min(bytes.Length, MediaHeaderReader.DefaultPrefixLength));
            using var stream = new MemoryStream(bytes, writable: false);

            var before = GC.GetAllocatedBytesForCurrentThread();
            var whole = MediaHeaderReader.Read(bytes, isComplete: true);
            var fromPrefix = MediaHeaderReader.Read(prefix, isComplete: false);
            var fromStream = MediaHeaderReader.ReadVideo(stream);

            // As a URL probe reads it: the prefix knowing the file's length, then a part where the walk stopped.
            var format = MediaHeaderReader.DetectFormat(bytes);
            var knownLength = MediaHeaderReader.ReadVideoPart(format, prefix, 0, bytes.Length);
            var at = knownLength.Layout?.NextBoxOffset is { } next && next < bytes.Length ? (int)next : bytes.Length / 2;
            var part = MediaHeaderReader.ReadVideoPart(format, bytes.AsSpan(at, Math.Min(bytes.Length - at, MediaHeaderReader.DefaultPrefixLength)), at, bytes.Length);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < AllocationBound, $"{allocated:N0} bytes allocated for a {bytes.Length:N0}-byte file");
            foreach (var header in new[] { whole, fromPrefix, fromStream, knownLength, part })
            {
                Assert.InRange(header.Layout?.BoxesVisited ?? 0, 0, IsoBmffReader.MaxBoxes);
                Assert.True(header.Duration is null || header.Duration >= TimeSpan.Zero);
                Assert.True(header.Width is null or > 0 && header.Height is null or > 0);
            }

            // A seekable stream and the whole file in memory are the same bytes: the same answer.
            Assert.Equal((whole.Duration, whole.Width, whole.Height), (fromStream.Duration, fromStream.Width, fromStream.Height));
        }, iter: 3000, print: bytes => Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 512))));
    }

    private static byte[] Mutate(byte[] bytes, (int Kind, int Where, uint Value) mutation)
    {
        var (kind, where, value) = mutation;
        var headers = BoxHeaders(bytes);
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var at = headers.Count > 0 ? headers[where % headers.Count] : where % bytes.Length;
        var copy = (byte[])bytes.Clone();
        switch (kind)
        {
            case 0:
                // A lying 32-bit size.
                if (at + 4 <= copy.Length)
                {
                    var size = value % 3 == 0 ? value : Sizes[value % (uint)Sizes.Length];
                    BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at), size);
                }

                return copy;
            case 1:
                // Cut anywhere.
                return copy.AsSpan(0, where % (copy.Length + 1)).ToArray();
            case 2:
                // A 64-bit size inserted after the type.
                if (at + 8 > copy.Length)
                {
                    return copy;
                }

                BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at), 1);
                var large = value % 2 == 0 ? LargeSizes[value % (uint)LargeSizes.Length] : (ulong)(copy.Length - at + 8 + (int)(value % 64));
                return Concat(copy.AsSpan(0, at + 8).ToArray(), U64(large), copy.AsSpan(at + 8).ToArray());
            case 3:
                // The box at a header wrapped in hundreds of containers.
                var wrapped = copy.AsSpan(at).ToArray();
                for (var i = 0; i < 1 + (value % 400); i++)
                {
                    wrapped = Box(Containers[(i + where) % Containers.Length], wrapped);
                }

                return Concat(copy.AsSpan(0, at).ToArray(), wrapped);
            case 4:
                // A stray byte.
                copy[where % copy.Length] = (byte)value;
                return copy;
            default:
                // A run of tiny empty boxes where a box was.
                var tiny = Enumerable.Repeat(Box(Containers[where % Containers.Length]), 1 + (int)(value % 3000)).ToArray();
                return Concat([copy.AsSpan(0, at).ToArray(), .. tiny, copy.AsSpan(at).ToArray()]);
        }
    }

    /// <summary>Where a box header seems to start: four bytes before a known box type.</summary>
    private static List<int> BoxHeaders(byte[] bytes)
    {
        string[] types = ["ftyp", "moov", "mvhd", "trak", "tkhd", "mdia", "hdlr", "minf", "stbl", "mdat", "free", "wide", "udta", "meta", "keys", "uuid", "mvex", "mehd", "moof", "edts"];
        var found = new List<int>();
        for (var i = 4; i + 4 <= bytes.Length; i++)
        {
            foreach (var type in types)
            {
                if (bytes[i] == type[0] && bytes[i + 1] == type[1] && bytes[i + 2] == type[2] && bytes[i + 3] == type[3])
                {
                    found.Add(i - 4);
                    break;
                }
            }
        }

        return found;
    }
}
