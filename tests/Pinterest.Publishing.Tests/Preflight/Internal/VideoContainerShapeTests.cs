using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// Videos as recorders and tools write them (moov at the end, fragmented, cut short, never finished), through the public
/// validator from a file, a stream and a URL served in the three ways servers answer: one verdict for every source.
/// </summary>
public sealed class VideoContainerShapeTests : IAsyncLifetime
{
    private readonly VideoSources _sources = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sources.DisposeAsync();

    [Theory]
    [MemberData(nameof(VideoSources.All), MemberType = typeof(VideoSources))]
    public async Task A_three_second_video_with_its_moov_at_the_end_is_too_short(string source)
    {
        var result = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.MoovAtEnd(3)))));

        if (source == VideoSources.UrlRangeIgnored)
        {
            // Only the whole body would reach the moov: preflight says so, and the download is checked before upload.
            var unknown = Single(result, PreflightCodes.VideoDurationUnknown);
            Assert.Equal(PreflightSeverity.Warning, unknown.Severity);
            Assert.Contains("before anything is sent", unknown.Message, StringComparison.Ordinal);
            Assert.Single(result.Issues);
            return;
        }

        var issue = Single(result, PreflightCodes.VideoDurationRange);
        Assert.Contains("3 s", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Theory]
    [MemberData(nameof(VideoSources.All), MemberType = typeof(VideoSources))]
    public async Task A_sixteen_minute_video_with_its_moov_at_the_end_is_too_long_and_a_five_second_one_passes(string source)
    {
        var tooLong = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.MoovAtEnd(16 * 60)))));
        var fine = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.MoovAtEnd(5)))));

        var rangeIgnored = source == VideoSources.UrlRangeIgnored;
        string[] expectedTooLong = rangeIgnored ? [PreflightCodes.VideoDurationUnknown] : [PreflightCodes.VideoDurationRange];
        string[] expectedFine = rangeIgnored ? [PreflightCodes.VideoDurationUnknown] : [];
        Assert.Equal(expectedTooLong, Codes(tooLong));
        Assert.Equal(expectedFine, Codes(fine));
        Assert.True(fine.IsValid);
    }

    [Theory]
    [InlineData(VideoSources.UrlRangeHonoured)]
    [InlineData(VideoSources.UrlHeadRefused)]
    public async Task A_moov_at_the_end_costs_one_ranged_read_where_it_lies_and_never_a_head(string source)
    {
        var bytes = Mp4Shapes.MoovAtEnd(3);
        var moov = bytes.AsSpan().IndexOf("moov"u8) - 4;

        await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, bytes))));

        var requests = _sources.Requests();
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal(["bytes=0-65535", $"bytes={moov}-{bytes.Length - 1}"], requests.Select(r => r.Range));
    }

    [Theory]
    [MemberData(nameof(VideoSources.All), MemberType = typeof(VideoSources))]
    public async Task A_video_cut_inside_its_mdat_is_unreadable(string source)
    {
        var result = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.CutInsideMdat()))));

        var issue = Single(result, PreflightCodes.VideoUnreadable);
        Assert.Contains("cut short", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Theory]
    [MemberData(nameof(VideoSources.All), MemberType = typeof(VideoSources))]
    public async Task A_video_without_a_moov_is_unreadable(string source)
    {
        var result = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.WithoutMoov()))));

        var issue = Single(result, PreflightCodes.VideoUnreadable);
        Assert.Contains("'moov'", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Theory]
    [MemberData(nameof(VideoSources.All), MemberType = typeof(VideoSources))]
    public async Task A_fragmented_video_that_states_no_duration_is_a_warning_never_zero_seconds(string source)
    {
        var result = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.Fragmented(mehdSeconds: null)))));

        var issue = Single(result, PreflightCodes.VideoDurationUnknown);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.Contains("fragmented", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PreflightCodes.VideoDurationRange, Codes(result));
        Assert.True(result.IsValid);
    }

    [Theory]
    [MemberData(nameof(VideoSources.All), MemberType = typeof(VideoSources))]
    public async Task A_fragmented_video_is_judged_by_its_mehd_duration(string source)
    {
        var fine = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.Fragmented(mehdSeconds: 12)))));
        var tooShort = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.Fragmented(mehdSeconds: 2)))));

        Assert.Empty(fine.Issues);
        Assert.Contains("2 s", Single(tooShort, PreflightCodes.VideoDurationRange).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(VideoSources.All), MemberType = typeof(VideoSources))]
    public async Task A_key_frame_cover_past_the_end_is_a_warning_that_the_last_frame_is_used(string source)
    {
        var pastTheEnd = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.MoovAtEnd(5)), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(7)))));
        var inside = await ValidateAsync(Request(PinMedia.Video(_sources.Create(source, Mp4Shapes.MoovAtEnd(5)), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(4)))));

        Assert.DoesNotContain(PreflightCodes.VideoCoverRequired, Codes(pastTheEnd));
        Assert.DoesNotContain(Codes(inside), c => c.StartsWith("pinterest.video.cover", StringComparison.Ordinal));
        if (source == VideoSources.UrlRangeIgnored)
        {
            // The duration is not known before download: the key frame cannot be judged.
            Assert.DoesNotContain(PreflightCodes.VideoCoverKeyFrameAfterEnd, Codes(pastTheEnd));
            return;
        }

        var issue = Single(pastTheEnd, PreflightCodes.VideoCoverKeyFrameAfterEnd);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.Equal("cover", issue.Target);
        Assert.Contains("last frame", issue.Message, StringComparison.Ordinal);
        Assert.True(pastTheEnd.IsValid);
    }

    [Fact]
    public async Task The_ranged_reads_after_the_prefix_are_bounded()
    {
        // A file of many boxes, each larger than a ranged read, before its moov: the reads stop, the duration is unknown.
        var boxes = Enumerable.Range(0, 8).Select(_ => IsoBoxes.Box("free", new byte[100_000])).ToArray();
        var bytes = IsoBoxes.Concat([IsoBoxes.Ftyp(), .. boxes, Mp4Shapes.Moov(3)]);

        var result = await ValidateAsync(Request(PinMedia.Video(_sources.Create(VideoSources.UrlRangeHonoured, bytes))));

        Assert.Equal(1 + VideoMoovReader.MaxRangedReads, _sources.Requests().Count);
        Assert.Equal([PreflightCodes.VideoDurationUnknown], Codes(result));
    }
}
