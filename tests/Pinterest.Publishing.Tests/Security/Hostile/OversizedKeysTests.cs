using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Security.Hostile;

/// <summary>
/// The 180-byte MP4 whose <c>moov/meta/keys</c> entry claims 2 GiB: reading its header, from a URL prefix or from a
/// file, must cost about what the file is, not what it claims, and still see its 2 s movie header.
/// </summary>
public sealed class OversizedKeysTests : IDisposable
{
    private const long Bound = 1024 * 1024;

    private static readonly byte[] File = HostileMp4.KeysEntryClaimingTwoGiB();

    private readonly MediaWireMock _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void The_file_is_180_bytes()
    {
        Assert.Equal(180, File.Length);
    }

    [Fact]
    public void Reading_it_as_a_url_prefix_allocates_less_than_1_MiB_and_finds_the_movie_header()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var header = MediaHeaderReader.Read(File, isComplete: false);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < Bound, $"MediaHeaderReader.Read allocated {allocated:N0} bytes for a {File.Length}-byte file.");
        Assert.Equal(MediaFormat.Mp4, header.Format);
        Assert.Equal(TimeSpan.FromSeconds(2), header.Duration);
    }

    [Fact]
    public void Reading_it_from_a_seekable_stream_allocates_less_than_1_MiB_and_finds_the_movie_header()
    {
        using var stream = new MemoryStream(File, writable: false);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var header = MediaHeaderReader.ReadVideo(stream);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < Bound, $"MediaHeaderReader.ReadVideo allocated {allocated:N0} bytes for a {File.Length}-byte file.");
        Assert.Equal(TimeSpan.FromSeconds(2), header.Duration);
    }

    [Fact]
    public async Task Preflight_by_url_completes_with_the_verdict_of_its_two_second_movie_header()
    {
        var url = _server.Serve("/v/keys.mp4", File, "video/mp4");

        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(url))));

        Assert.Equal([PreflightCodes.VideoDurationRange], Codes(result));
        Assert.Contains("2 s", Single(result, PreflightCodes.VideoDurationRange).Message, StringComparison.Ordinal);
    }
}
