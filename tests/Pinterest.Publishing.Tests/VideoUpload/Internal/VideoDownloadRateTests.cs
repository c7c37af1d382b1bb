namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

/// <summary>
/// The minimum average rate of <see cref="VideoSource.FromUrl"/> downloads: a host that trickles bytes just often
/// enough to beat the idle timeout is cut off once the grace period and the bytes' allowance are used up; a download at
/// the minimum rate or faster is never cut. The fake clock is the only clock involved.
/// </summary>
public sealed class VideoDownloadRateTests : FakeClockDownloadTests
{
    /// <summary>Lets the host send one chunk per <paramref name="interval"/> until the download ends; returns the chunks sent.</summary>
    private async Task<int> DripAsync(TrickleStream body, Task open, TimeSpan interval, int maxChunks)
    {
        var sent = 0;
        while (sent <= maxChunks)
        {
            await Task.WhenAny(body.ReadPending.WaitAsync(SafetyTimeout), open);
            if (open.IsCompleted)
            {
                break;
            }

            Time.Advance(interval);
            body.Send();
            sent++;
        }

        return sent;
    }

    [Fact]
    public void The_defaults_are_64_KiB_per_second_after_one_minute()
    {
        var options = new VideoUploadOptions();

        Assert.Equal(64 * 1024, options.MinDownloadBytesPerSecond);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MinDownloadTimeout);
    }

    [Fact]
    public async Task A_host_dripping_a_byte_every_20_seconds_is_cut_off_after_the_grace_minute_naming_only_the_host_and_the_keys()
    {
        // One byte every 20 s never trips the 30 s idle timeout; 100 chunks would take over half an hour.
        var body = new TrickleStream(Enumerable.Range(0, 100).Select(i => new[] { (byte)i }).ToArray());
        var opener = CreateOpener(new BodyHandler(body));

        var open = opener.OpenAsync(
            VideoSource.FromUrl(new Uri("https://user:hunter2@drip.example.com/media/clip.mp4?X-Amz-Signature=s3cr3t")),
            CancellationToken.None);
        await DripAsync(body, open, TimeSpan.FromSeconds(20), maxChunks: 100);

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => open.WaitAsync(SafetyTimeout));
        // Three bytes in the first minute; the wait for the fourth ran past the grace (60 s plus 3 bytes' allowance).
        Assert.Contains("sent only 3 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("drip.example.com", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VideoUpload:MinDownloadBytesPerSecond", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VideoUpload:MinDownloadTimeout", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("clip.mp4", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.StatusCode);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        await body.ReadCancelled.Task.WaitAsync(SafetyTimeout);
        Assert.Empty(Spool.Files);
    }

    [Fact]
    public async Task A_large_download_slightly_faster_than_the_minimum_rate_completes_however_long_it_takes()
    {
        // 10,000 bytes every 9 s is about 1,111 bytes/s against a 1,000 bytes/s minimum: 5 minutes, far past the grace.
        var chunks = Enumerable.Range(0, 33).Select(i => TestBytes.Create(10_000, seed: i)).ToArray();
        var body = new TrickleStream(chunks);
        var options = new VideoUploadOptions { MinDownloadBytesPerSecond = 1000, MinDownloadTimeout = TimeSpan.FromSeconds(10) };
        var opener = CreateOpener(new BodyHandler(body), options);

        var open = opener.OpenAsync(VideoSource.FromUrl(new Uri("https://videos.example.com/big.mp4")), CancellationToken.None);
        var sent = await DripAsync(body, open, TimeSpan.FromSeconds(9), maxChunks: chunks.Length);

        await using var video = await open.WaitAsync(SafetyTimeout);
        Assert.Equal(chunks.Length + 1, sent); // every chunk, then the end of the body
        Assert.Equal(chunks.Length * 10_000L, video.Length);
    }

    [Fact]
    public async Task A_download_sustained_just_under_the_minimum_rate_is_cut_once_its_deficit_exceeds_the_grace()
    {
        // 10,000 bytes every 11 s against 1,000 bytes/s: each chunk uses 1 s of the 60 s grace, so the 49th chunk is
        // the last one the host may send; waiting 11 s for the 50th overruns what is left.
        var body = new TrickleStream(Enumerable.Range(0, 100).Select(i => TestBytes.Create(10_000, seed: i)).ToArray());
        var options = new VideoUploadOptions { MinDownloadBytesPerSecond = 1000, MinDownloadTimeout = TimeSpan.FromSeconds(60) };
        var opener = CreateOpener(new BodyHandler(body), options);

        var open = opener.OpenAsync(VideoSource.FromUrl(new Uri("https://videos.example.com/slow.mp4")), CancellationToken.None);
        await DripAsync(body, open, TimeSpan.FromSeconds(11), maxChunks: 100);

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => open.WaitAsync(SafetyTimeout));
        Assert.Contains("sent only 490000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Spool.Files);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_minimum_rate_below_one_byte_per_second_fails_start_up_validation_naming_the_key(long bytesPerSecond)
    {
        var options = new PinterestPublishingOptions();
        options.VideoUpload.MinDownloadBytesPerSecond = bytesPerSecond;

        var result = OptionsValidation.Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Pinterest:VideoUpload:MinDownloadBytesPerSecond", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2 * 24 * 60 * 60)]
    public void An_out_of_range_grace_fails_start_up_validation_naming_the_key(int seconds)
    {
        var options = new PinterestPublishingOptions();
        options.VideoUpload.MinDownloadTimeout = TimeSpan.FromSeconds(seconds);

        var result = OptionsValidation.Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Pinterest:VideoUpload:MinDownloadTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_download_bounds_pass_start_up_validation()
    {
        var result = OptionsValidation.Validate(new PinterestPublishingOptions());

        Assert.DoesNotContain(result.Failures ?? [], f => f.Contains("Download", StringComparison.Ordinal));
    }
}
