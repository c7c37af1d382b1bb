namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

/// <summary>
/// The idle timeout of <see cref="VideoSource.FromUrl"/> downloads: the host's silence is bounded, a slow but moving
/// download is not, and the caller's own cancellation stays a cancellation. The fake clock is the only clock involved.
/// </summary>
public sealed class VideoDownloadIdleTimeoutTests : FakeClockDownloadTests
{
    [Fact]
    public void The_default_idle_timeout_is_30_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new VideoUploadOptions().DownloadIdleTimeout);
    }

    [Fact]
    public async Task A_slow_but_moving_download_completes_although_it_takes_far_longer_than_the_idle_timeout()
    {
        var chunks = Enumerable.Range(0, 12).Select(i => TestBytes.Create(1000 + i, seed: i)).ToArray();
        var body = new TrickleStream(chunks);
        // About 35 bytes/s: slower than the default minimum average rate, so that bound is lowered for this test.
        var opener = CreateOpener(new BodyHandler(body), new VideoUploadOptions { MinDownloadBytesPerSecond = 16 });

        var open = opener.OpenAsync(VideoSource.FromUrl(new Uri("https://videos.example.com/slow.mp4")), CancellationToken.None);

        // Each chunk (and the final end of stream) arrives 29 s after the read that waits for it: always just under
        // the 30 s idle timeout, 6 minutes in all.
        for (var i = 0; i <= chunks.Length; i++)
        {
            await body.ReadPending.WaitAsync(SafetyTimeout);
            Assert.False(open.IsCompleted, $"The download ended before chunk {i}: {open.Exception?.GetBaseException().Message}");
            Time.Advance(TimeSpan.FromSeconds(29));
            body.Send();
        }

        await using var video = await open.WaitAsync(SafetyTimeout);
        var expected = chunks.SelectMany(c => c).ToArray();
        Assert.Equal(expected.Length, video.Length);
        var actual = new byte[video.Length];
        await video.Stream.ReadExactlyAsync(actual);
        Assert.Equal(expected, actual);
        Assert.Equal("video/mp4", video.ContentType);
    }

    [Fact]
    public async Task A_stall_fails_with_the_host_and_path_but_not_the_query_and_deletes_the_temporary_file()
    {
        var body = new TrickleStream([TestBytes.Create(4096)]);
        var opener = CreateOpener(new BodyHandler(body));

        var open = opener.OpenAsync(
            VideoSource.FromUrl(new Uri("https://cdn.example.com/media/clip.mp4?X-Amz-Signature=s3cr3t&token=abc")),
            CancellationToken.None);

        await body.ReadPending.WaitAsync(SafetyTimeout);
        Time.Advance(TimeSpan.FromSeconds(10));
        body.Send();

        // Now the host sends nothing more.
        await body.ReadPending.WaitAsync(SafetyTimeout);
        Assert.Single(Spool.Files); // the partial download is on disk while the host is silent
        Time.Advance(TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => open.WaitAsync(SafetyTimeout));
        Assert.Contains("cdn.example.com", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/media/clip.mp4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stopped sending", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DownloadIdleTimeout", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("?", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.StatusCode);
        Assert.Empty(Spool.Files);
    }

    [Fact]
    public async Task A_host_that_never_sends_its_response_headers_fails_after_the_idle_timeout()
    {
        var handler = new SilentHandler();
        var opener = CreateOpener(handler);

        var open = opener.OpenAsync(VideoSource.FromUrl(new Uri("https://videos.example.com/clip.mp4")), CancellationToken.None);
        await handler.RequestReceived.Task.WaitAsync(SafetyTimeout);
        Time.Advance(TimeSpan.FromSeconds(30));

        var ex = await Assert.ThrowsAsync<PinterestVideoUploadException>(() => open.WaitAsync(SafetyTimeout));
        Assert.Contains("videos.example.com", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Spool.Files);
    }

    [Fact]
    public async Task The_configured_idle_timeout_is_used_and_restarts_with_every_chunk()
    {
        var body = new TrickleStream([TestBytes.Create(100), TestBytes.Create(100, seed: 2)]);
        // The grace before the minimum average rate applies is lengthened: 200 bytes in 3 minutes is far below it.
        var opener = CreateOpener(new BodyHandler(body), new VideoUploadOptions { DownloadIdleTimeout = TimeSpan.FromMinutes(2), MinDownloadTimeout = TimeSpan.FromHours(1) });

        var open = opener.OpenAsync(VideoSource.FromUrl(new Uri("https://videos.example.com/clip.mp4")), CancellationToken.None);

        // 90 s, then 90 s more: past the default 30 s and past 2 minutes in all, yet never 2 minutes between chunks.
        await body.ReadPending.WaitAsync(SafetyTimeout);
        Time.Advance(TimeSpan.FromSeconds(90));
        body.Send();
        await body.ReadPending.WaitAsync(SafetyTimeout);
        Time.Advance(TimeSpan.FromSeconds(90));
        body.Send();

        // Then silence: 119 s is not enough, the full 2 minutes is.
        await body.ReadPending.WaitAsync(SafetyTimeout);
        Time.Advance(TimeSpan.FromSeconds(119));
        // The fake clock fires timers inside Advance, so a timeout that was due would already show on the token.
        Assert.False(body.LastReadToken.IsCancellationRequested, "The idle timeout fired before its configured 2 minutes.");
        Time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<PinterestVideoUploadException>(() => open.WaitAsync(SafetyTimeout));
        Assert.True(body.LastReadToken.IsCancellationRequested);
        await body.ReadCancelled.Task.WaitAsync(SafetyTimeout);
        Assert.Empty(Spool.Files);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_rethrown_as_a_cancellation_not_a_stall()
    {
        var body = new TrickleStream([TestBytes.Create(4096)]);
        var opener = CreateOpener(new BodyHandler(body));
        using var cts = new CancellationTokenSource();

        var open = opener.OpenAsync(VideoSource.FromUrl(new Uri("https://videos.example.com/clip.mp4")), cts.Token);
        await body.ReadPending.WaitAsync(SafetyTimeout);
        body.Send();
        await body.ReadPending.WaitAsync(SafetyTimeout);
        Time.Advance(TimeSpan.FromSeconds(5));
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open.WaitAsync(SafetyTimeout));
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Empty(Spool.Files);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2 * 24 * 60 * 60)]
    public void An_out_of_range_idle_timeout_fails_start_up_validation_naming_the_key(int seconds)
    {
        var options = new PinterestPublishingOptions();
        options.VideoUpload.DownloadIdleTimeout = TimeSpan.FromSeconds(seconds);

        var result = OptionsValidation.Validate(options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Pinterest:VideoUpload:DownloadIdleTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_idle_timeout_passes_start_up_validation()
    {
        var result = OptionsValidation.Validate(new PinterestPublishingOptions());

        Assert.DoesNotContain(result.Failures ?? [], f => f.Contains("DownloadIdleTimeout", StringComparison.Ordinal));
    }
}
