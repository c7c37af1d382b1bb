using Pinterest.Publishing.Preflight.Internal;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

public class MediaHeaderReaderTests
{
    [Theory]
    [InlineData("square-100.jpg", "Jpeg", 100, 100)]
    [InlineData("square-100.png", "Png", 100, 100)]
    [InlineData("square-100.gif", "Gif", 100, 100)]
    [InlineData("square-100.webp", "WebP", 100, 100)]
    [InlineData("portrait-200x300.jpg", "Jpeg", 200, 300)]
    [InlineData("portrait-200x300.png", "Png", 200, 300)]
    [InlineData("portrait-200x300.gif", "Gif", 200, 300)]
    [InlineData("portrait-200x300.webp", "WebP", 200, 300)]
    [InlineData("lossless-200x300.webp", "WebP", 200, 300)]
    [InlineData("alpha-200x300.webp", "WebP", 200, 300)]
    [InlineData("odd-400x300.jpg", "Jpeg", 400, 300)]
    [InlineData("odd-400x300.png", "Png", 400, 300)]
    [InlineData("odd-400x300.gif", "Gif", 400, 300)]
    [InlineData("odd-400x300.webp", "WebP", 400, 300)]
    [InlineData("large-1000x1500.jpg", "Jpeg", 1000, 1500)]
    [InlineData("large-1000x1500.png", "Png", 1000, 1500)]
    [InlineData("large-1000x1500.webp", "WebP", 1000, 1500)]
    [InlineData("large-1000x1000.jpg", "Jpeg", 1000, 1000)]
    [InlineData("large-1000x1000.png", "Png", 1000, 1000)]
    [InlineData("large-1000x1000.webp", "WebP", 1000, 1000)]
    [InlineData("large-1000x1000.gif", "Gif", 1000, 1000)]
    [InlineData("large-1000x1500.gif", "Gif", 1000, 1500)]
    public void Reads_format_and_dimensions_from_the_whole_file_and_from_a_short_prefix(string file, string formatName, int width, int height)
    {
        var format = Enum.Parse<MediaFormat>(formatName);
        var bytes = TestMedia.Bytes(file);

        var whole = MediaHeaderReader.Read(bytes, isComplete: true);
        Assert.Equal((format, width, height), (whole.Format, whole.Width, whole.Height));

        // The shortest prefix that yields the dimensions is what a probe stops at; it must be much less than the file
        // for formats whose header is at the start, and the reader must never claim dimensions it has not read.
        var shortest = Enumerable.Range(1, bytes.Length).First(n => MediaHeaderReader.Read(bytes.AsSpan(0, n), false).HasDimensions);
        var header = MediaHeaderReader.Read(bytes.AsSpan(0, shortest), isComplete: false);
        Assert.Equal((format, width, height), (header.Format, header.Width, header.Height));
        Assert.True(shortest <= 1024, $"{file}: needed {shortest} bytes");
        Assert.False(MediaHeaderReader.Read(bytes.AsSpan(0, shortest - 1), false).HasDimensions);
    }

    [Theory]
    [InlineData("large-1000x1500.png", 1000, 1500)]
    [InlineData("large-1000x1500.jpg", 1000, 1500)]
    public void A_20_MB_image_is_read_from_a_64_KiB_prefix(string file, int width, int height)
    {
        var small = TestMedia.Bytes(file);
        var big = file.EndsWith(".png", StringComparison.Ordinal)
            ? TestMedia.PadPng(small, 20_000_000)
            : TestMedia.PadJpegAfterFrameHeader(small, 20_000_000);
        Assert.True(big.Length >= 19_900_000);
        Assert.Equal((width, height), (MediaHeaderReader.Read(big, true).Width, MediaHeaderReader.Read(big, true).Height));

        var header = MediaHeaderReader.Read(big.AsSpan(0, MediaHeaderReader.DefaultPrefixLength), isComplete: false);

        Assert.Equal((width, height), (header.Width, header.Height));
    }

    [Fact]
    public void A_png_with_large_metadata_before_its_image_data_is_read_from_a_prefix()
    {
        var png = TestMedia.PadPngBeforeImageData(TestMedia.Bytes("large-1000x1500.png"), 300_000);
        Assert.Equal((1000, 1500), (MediaHeaderReader.Read(png, true).Width, MediaHeaderReader.Read(png, true).Height));

        var header = MediaHeaderReader.Read(png.AsSpan(0, MediaHeaderReader.DefaultPrefixLength), isComplete: false);

        Assert.Equal((1000, 1500), (header.Width, header.Height));
    }

    [Fact]
    public void A_jpeg_whose_frame_header_lies_past_64_KiB_asks_for_more_bytes_and_is_read_from_them()
    {
        var jpeg = TestMedia.PadJpegBeforeFrameHeader(TestMedia.Bytes("large-1000x1500.jpg"), 150_000);
        var sof = TestMedia.FindMarker(jpeg, 0xC0);
        Assert.True(sof > MediaHeaderReader.DefaultPrefixLength);

        var first = MediaHeaderReader.Read(jpeg.AsSpan(0, MediaHeaderReader.DefaultPrefixLength), isComplete: false);
        Assert.Equal(MediaFormat.Jpeg, first.Format);
        Assert.False(first.HasDimensions);
        Assert.InRange(first.BytesNeeded, MediaHeaderReader.DefaultPrefixLength + 1, MediaHeaderReader.MaxHeaderLength);

        // Following the segment lengths converges on the frame header in a few bounded steps.
        var available = MediaHeaderReader.DefaultPrefixLength;
        var steps = 0;
        MediaHeader header;
        while (!(header = MediaHeaderReader.Read(jpeg.AsSpan(0, available), false)).HasDimensions)
        {
            Assert.True(header.BytesNeeded > available);
            available = header.BytesNeeded;
            steps++;
        }

        Assert.Equal((1000, 1500), (header.Width, header.Height));
        Assert.Equal(sof + 2 + System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(sof + 2)), available);
        Assert.InRange(steps, 1, 20);
    }

    [Fact]
    public void A_jpeg_header_beyond_the_cap_is_not_followed()
    {
        var jpeg = TestMedia.PadJpegBeforeFrameHeader(TestMedia.Bytes("square-100.jpg"), MediaHeaderReader.MaxHeaderLength + 100_000);

        var header = MediaHeaderReader.Read(jpeg.AsSpan(0, MediaHeaderReader.MaxHeaderLength), isComplete: false);

        Assert.Equal(MediaFormat.Jpeg, header.Format);
        Assert.False(header.HasDimensions);
        Assert.Equal(0, header.BytesNeeded);
    }

    [Theory]
    [InlineData("video-5s.mp4", "Mp4", 5, 90, 160)]
    [InlineData("video-5s.mov", "QuickTime", 5, 90, 160)]
    [InlineData("video-5s.m4v", "M4V", 5, 90, 160)]
    [InlineData("video-2s.mp4", "Mp4", 2, 90, 160)]
    [InlineData("video-wide-5s.mp4", "Mp4", 5, 250, 100)]
    public void Reads_video_container_duration_and_size_from_a_prefix(string file, string formatName, int seconds, int width, int height)
    {
        var format = Enum.Parse<MediaFormat>(formatName);
        var bytes = TestMedia.Bytes(file);
        var moov = bytes.AsSpan().IndexOf("moov"u8);

        // A prefix that ends right after the moov atom (faststart) but before the media data.
        var moovSize = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(moov - 4));
        var prefix = bytes.AsSpan(0, moov - 4 + moovSize);
        Assert.True(prefix.Length < bytes.Length);

        var header = MediaHeaderReader.Read(prefix, isComplete: false);

        Assert.Equal(format, header.Format);
        Assert.True(header.IsAllowedVideo);
        Assert.Equal(TimeSpan.FromSeconds(seconds), header.Duration);
        Assert.Equal((width, height), (header.Width, header.Height));
    }

    [Fact]
    public void A_moov_atom_at_the_end_is_not_in_a_prefix_but_is_found_in_a_seekable_stream()
    {
        var bytes = TestMedia.Bytes("video-5s-moov-at-end.mp4");
        var mdat = bytes.AsSpan().IndexOf("mdat"u8);

        var prefix = MediaHeaderReader.Read(bytes.AsSpan(0, mdat + 64), isComplete: false);
        Assert.Equal(MediaFormat.Mp4, prefix.Format);
        Assert.Null(prefix.Duration);

        using var stream = new MemoryStream(bytes);
        var header = MediaHeaderReader.ReadVideo(stream);
        Assert.Equal(TimeSpan.FromSeconds(5), header.Duration);
        Assert.Equal((90, 160), (header.Width, header.Height));
    }

    [Theory]
    [InlineData("video-5s.webm", "Matroska")]
    [InlineData("square-100.gif", "Gif")]
    public void Other_containers_are_recognised_but_not_allowed_videos(string file, string formatName)
    {
        var format = Enum.Parse<MediaFormat>(formatName);
        var header = MediaHeaderReader.Read(TestMedia.Bytes(file), isComplete: true);

        Assert.Equal(format, header.Format);
        Assert.False(header.IsAllowedVideo);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>Not found</body></html>")]
    [InlineData("")]
    [InlineData("GIF")]
    public void Text_or_too_few_bytes_are_unreadable(string text)
    {
        var header = MediaHeaderReader.Read(System.Text.Encoding.ASCII.GetBytes(text), isComplete: true);

        Assert.False(header.HasDimensions);
        Assert.False(header.IsImage && header.HasDimensions);
        Assert.Equal(0, header.BytesNeeded);
    }

    [Fact]
    public void A_truncated_jpeg_with_no_frame_header_is_unreadable_not_an_exception()
    {
        var jpeg = TestMedia.Bytes("square-100.jpg");
        var sof = TestMedia.FindMarker(jpeg, 0xC0);

        var header = MediaHeaderReader.Read(jpeg.AsSpan(0, sof + 5), isComplete: true);

        Assert.Equal(MediaFormat.Jpeg, header.Format);
        Assert.False(header.HasDimensions);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c' }, "Heic")]
    [InlineData(new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'3', (byte)'g', (byte)'p', (byte)'4' }, "ThreeGpp")]
    [InlineData(new byte[] { (byte)'B', (byte)'M', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "Bmp")]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0 }, "Tiff")]
    public void Detects_formats_by_magic_bytes(byte[] magic, string formatName) =>
        Assert.Equal(Enum.Parse<MediaFormat>(formatName), MediaHeaderReader.DetectFormat(magic));
}
