using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

public class IsoBmffReaderTests
{
    [Theory]
    [InlineData("video-5s.mp4")]
    [InlineData("video-5s.mov")]
    [InlineData("video-5s.m4v")]
    [InlineData("video-5s-moov-at-end.mp4")]
    public void The_top_level_layout_of_a_fixture_ends_at_the_end_of_the_file(string file)
    {
        var bytes = TestMedia.Bytes(file);
        using var stream = new MemoryStream(bytes);

        foreach (var layout in new[] { IsoBmffReader.Read(bytes, isComplete: true), IsoBmffReader.Read(stream) })
        {
            Assert.True(layout.MoovComplete);
            Assert.False(layout.IsTruncated || layout.IsMalformed || layout.LimitReached || layout.HasFragments);
            Assert.Equal(bytes.Length, layout.TopLevelBoxes[^1].End);
            Assert.Equal(layout.TopLevelBoxes.Count, layout.TopLevelBoxCount);
            Assert.Single(layout.TopLevelBoxes, b => b.TypeName == "moov");
            Assert.Equal(bytes.AsSpan().IndexOf("moov"u8) - 4, layout.Moov!.Value.Offset);
            Assert.Null(layout.BytesNeeded);
        }
    }

    [Fact]
    public void A_prefix_before_a_moov_at_the_end_says_where_the_next_box_lies()
    {
        var bytes = Movie(moovFirst: false);
        var mdat = bytes.AsSpan().IndexOf("mdat"u8) - 4;
        var moov = bytes.AsSpan().IndexOf("moov"u8) - 4;

        var layout = IsoBmffReader.Read(bytes.AsSpan(0, mdat + 100), isComplete: false);

        Assert.Null(layout.Moov);
        Assert.Null(layout.Duration);
        Assert.False(layout.IsTruncated);
        Assert.Equal(moov + 8, layout.BytesNeeded);
        Assert.Equal(["ftyp", "mdat"], layout.TopLevelBoxes.Select(b => b.TypeName));
    }

    [Fact]
    public void A_prefix_that_ends_inside_the_moov_asks_for_the_whole_moov_and_reads_what_it_has()
    {
        var bytes = Movie();
        var moov = bytes.AsSpan().IndexOf("moov"u8) - 4;
        var tkhd = bytes.AsSpan().IndexOf("tkhd"u8) - 4;

        var layout = IsoBmffReader.Read(bytes.AsSpan(0, tkhd + 10), isComplete: false);

        Assert.Equal(moov, layout.Moov!.Value.Offset);
        Assert.False(layout.MoovComplete);
        Assert.Equal(layout.Moov.Value.End, layout.BytesNeeded);
        Assert.Equal(TimeSpan.FromSeconds(5), layout.Duration);
        Assert.Null(layout.Width);
    }

    [Fact]
    public void A_file_cut_inside_its_mdat_is_truncated()
    {
        var bytes = Movie();

        var layout = IsoBmffReader.Read(bytes.AsSpan(0, bytes.Length - 10), isComplete: true);
        using var stream = new MemoryStream(bytes, 0, bytes.Length - 10);

        Assert.True(layout.IsTruncated);
        Assert.True(IsoBmffReader.Read(stream).IsTruncated);
        Assert.Null(layout.BytesNeeded);
        Assert.Equal(TimeSpan.FromSeconds(5), layout.Duration);
    }

    [Fact]
    public void Fragments_and_the_fragmented_duration_are_read()
    {
        var moov = Box("moov", Mvhd(1000, 0), Trak(Tkhd(720, 1280), "vide"), Box("mvex", FullBox("mehd", 0, U32(12_000))));
        var bytes = Concat(Ftyp(), moov, Box("moof", new byte[16]), Box("mdat", new byte[32]), Box("moof", new byte[16]), Box("mdat", new byte[32]));

        var layout = IsoBmffReader.Read(bytes, isComplete: true);

        Assert.True(layout.HasFragments);
        Assert.Equal(TimeSpan.Zero, layout.MovieDuration);
        Assert.Equal(TimeSpan.FromSeconds(12), layout.Duration);
        Assert.Equal(6, layout.TopLevelBoxCount);
    }

    [Fact]
    public void Version_1_headers_largesize_boxes_and_a_last_box_of_size_0_are_read()
    {
        var moov = Box("moov", MvhdV1(90_000, 90_000UL * 7), Trak(TkhdV1(640, 360), "vide"));
        var bytes = Concat(Ftyp(), LargeBox("free", new byte[40]), moov, BoxWithSize(0, "mdat", new byte[100]));

        var layout = IsoBmffReader.Read(bytes, isComplete: true);

        Assert.Equal(TimeSpan.FromSeconds(7), layout.Duration);
        Assert.Equal((640, 360), (layout.Width, layout.Height));
        Assert.Equal(["ftyp", "free", "moov", "mdat"], layout.TopLevelBoxes.Select(b => b.TypeName));
        Assert.Equal(56, layout.TopLevelBoxes[1].Size);
        Assert.True(layout.TopLevelBoxes[3].ExtendsToEnd);
        Assert.Equal(bytes.Length, layout.TopLevelBoxes[3].End);
        Assert.False(layout.IsTruncated || layout.IsMalformed);
    }

    [Theory]
    [InlineData(90, 1080, 1920)]
    [InlineData(270, 1080, 1920)]
    [InlineData(180, 1920, 1080)]
    public void A_turned_track_reports_its_displayed_size(int rotation, int width, int height)
    {
        var bytes = Concat(Ftyp(), Box("moov", Mvhd(600, 3000), Trak(Tkhd(1920, 1080, rotation), "vide")));

        var layout = IsoBmffReader.Read(bytes, isComplete: true);

        Assert.Equal((width, height), (layout.Width, layout.Height));
    }

    [Fact]
    public void The_video_track_is_preferred_to_an_earlier_sized_track_and_audio_is_skipped()
    {
        var moov = Box("moov", Mvhd(1000, 5000), Trak(Tkhd(0, 0), "soun"), Trak(Tkhd(400, 60), "text"), Trak(Tkhd(720, 1280), "vide"));

        var layout = IsoBmffReader.Read(Concat(Ftyp(), moov), isComplete: true);

        Assert.Equal((720, 1280), (layout.Width, layout.Height));
    }

    [Fact]
    public void A_child_larger_than_its_parent_is_malformed_and_its_siblings_before_it_are_kept()
    {
        var moov = Box("moov", Mvhd(1000, 5000), BoxWithSize(0x7FFF_FFFF, "trak", Tkhd(720, 1280)));

        var layout = IsoBmffReader.Read(Concat(Ftyp(), moov), isComplete: true);

        Assert.True(layout.IsMalformed);
        Assert.Equal(TimeSpan.FromSeconds(5), layout.Duration);
        Assert.Null(layout.Width);
    }

    [Fact]
    public void Containers_nested_deeper_than_followed_are_not_walked_and_cost_nothing()
    {
        // A trak inside a trak inside... 1,000 deep: only moov/trak/mdia are followed, so the walk stays flat.
        var inner = Tkhd(720, 1280);
        for (var i = 0; i < 1000; i++)
        {
            inner = Box("trak", inner);
        }

        var layout = IsoBmffReader.Read(Concat(Ftyp(), Box("moov", Mvhd(1000, 5000), inner)), isComplete: true);

        Assert.Null(layout.Width);
        Assert.Equal(TimeSpan.FromSeconds(5), layout.Duration);
        Assert.InRange(layout.BoxesVisited, 1, 10);
    }

    [Fact]
    public void A_file_of_tiny_boxes_stops_at_the_box_limit()
    {
        var free = Box("free");
        var bytes = Concat([Ftyp(), .. Enumerable.Repeat(free, IsoBmffReader.MaxBoxes + 500)]);

        var layout = IsoBmffReader.Read(bytes, isComplete: true);

        Assert.True(layout.LimitReached);
        Assert.Equal(IsoBmffReader.MaxBoxes, layout.BoxesVisited);
        Assert.Equal(IsoBmffReader.MaxRecordedBoxes, layout.TopLevelBoxes.Count);
    }

    [Fact]
    public void A_stream_is_read_from_its_position_and_only_headers_are_read_past_the_moov()
    {
        var moov = Box("moov", Mvhd(1000, 5000), Trak(Tkhd(1080, 1920), "vide"));
        using var stream = new ReadCountingStream(Concat(new byte[7], Ftyp(), Box("mdat", new byte[100_000]), moov));
        stream.Position = 7;

        var layout = IsoBmffReader.Read(stream);

        Assert.Equal(TimeSpan.FromSeconds(5), layout.Duration);
        Assert.Equal((1080, 1920), (layout.Width, layout.Height));
        Assert.InRange(stream.BytesRead, 1, moov.Length + 32);
    }

    [Fact]
    public void A_moov_declared_larger_than_the_cap_is_not_walked()
    {
        var moov = LargeBox("moov", Mvhd(1000, 5000));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(moov.AsSpan(8), (ulong)IsoBmffReader.MaxMoovSize + 1);

        var layout = IsoBmffReader.Read(Concat(Ftyp(), moov), isComplete: false);

        Assert.True(layout.LimitReached);
        Assert.Null(layout.Duration);
        Assert.Equal(IsoBmffReader.MaxMoovSize + 1, layout.Moov!.Value.Size);
    }

    /// <summary>A stream that counts the bytes read from it (span reads of a derived MemoryStream come through here).</summary>
    private sealed class ReadCountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Count(base.Read(buffer, offset, count));

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
