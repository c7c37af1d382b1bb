using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>The walk over part of a file whose length is known: a prefix, or a part fetched with a ranged read.</summary>
public class IsoBmffPartTests
{
    [Fact]
    public void Knowing_the_file_length_a_prefix_says_where_the_next_box_header_lies()
    {
        var bytes = Mp4Shapes.MoovAtEnd(5);
        var moov = bytes.AsSpan().IndexOf("moov"u8) - 4;

        var layout = IsoBmffReader.Read(bytes.AsSpan(0, 65_536), start: 0, fileLength: bytes.Length);

        Assert.Null(layout.Moov);
        Assert.Equal(moov, layout.NextBoxOffset);
        Assert.False(layout.IsTruncated || layout.HasNoMovie);
        Assert.Null(layout.Duration);
    }

    [Fact]
    public void A_part_fetched_where_the_moov_lies_is_walked_from_its_offset()
    {
        var bytes = Mp4Shapes.MoovAtEnd(7);
        var moov = bytes.AsSpan().IndexOf("moov"u8) - 4;

        var layout = IsoBmffReader.Read(bytes.AsSpan(moov), start: moov, fileLength: bytes.Length);

        Assert.Equal(moov, layout.Moov!.Value.Offset);
        Assert.True(layout.MoovComplete);
        Assert.Equal(TimeSpan.FromSeconds(7), layout.Duration);
        Assert.Equal((1080, 1920), (layout.Width, layout.Height));
        Assert.True(layout.WalkedToEnd);
    }

    [Fact]
    public void Knowing_the_file_length_a_prefix_shows_a_box_that_runs_past_the_end()
    {
        var bytes = Mp4Shapes.CutInsideMdat();

        var layout = IsoBmffReader.Read(bytes.AsSpan(0, 65_536), start: 0, fileLength: bytes.Length);
        var unknownLength = IsoBmffReader.Read(bytes.AsSpan(0, 65_536), isComplete: false);

        Assert.True(layout.IsTruncated);
        Assert.False(unknownLength.IsTruncated);
    }

    [Fact]
    public void A_whole_file_without_a_moov_has_no_movie()
    {
        var bytes = Mp4Shapes.WithoutMoov();

        Assert.True(IsoBmffReader.Read(bytes.AsSpan(0, 65_536), start: 0, fileLength: bytes.Length).HasNoMovie);
        Assert.True(IsoBmffReader.Read(bytes, isComplete: true).HasNoMovie);
        Assert.False(IsoBmffReader.Read(bytes.AsSpan(0, 65_536), isComplete: false).HasNoMovie);
    }

    [Fact]
    public void A_fragmented_movie_header_of_zero_is_an_unknown_duration_not_zero_seconds()
    {
        var layout = IsoBmffReader.Read(Mp4Shapes.Fragmented(mehdSeconds: null), isComplete: true);
        var plain = IsoBmffReader.Read(Concat(Ftyp(), Box("moov", Mvhd(1000, 0)), Box("mdat", new byte[8])), isComplete: true);

        Assert.True(layout.HasFragments);
        Assert.Equal(TimeSpan.Zero, layout.MovieDuration);
        Assert.Null(layout.Duration);
        Assert.True(layout.FragmentedDurationNotStated);
        Assert.Equal(TimeSpan.Zero, plain.Duration);
    }
}
