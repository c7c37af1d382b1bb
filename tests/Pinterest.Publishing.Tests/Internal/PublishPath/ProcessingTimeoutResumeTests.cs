using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// A video whose processing outlives the deadline is still processing on Pinterest: publishing again must wait for that
/// upload, not send the file a second time. The emulator takes an hour to process a video and the deadline is 30 s, so
/// however far the driven clock runs ahead of the code, the first wait times out; the clock is then moved past the hour.
/// </summary>
public class ProcessingTimeoutResumeTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProcessingTime = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_video_whose_processing_timed_out_is_published_from_its_media_id_without_a_second_upload()
    {
        await using var h = await CreateHarnessAsync();

        var timeout = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.VideoRequest()), Step));
        Assert.Equal(PinterestMediaProcessingException.TranscodeTimeoutCode, timeout.Code);
        Assert.Equal(timeout.MediaId, Assert.Single(h.Emulator.Uploads).MediaId);
        Assert.Empty(h.Emulator.Pins);

        h.Time.Advance(ProcessingTime);
        var retry = h.VideoRequest() with { Media = PinMedia.Video(VideoSource.FromUploadedMedia(timeout.MediaId), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(1))) };
        var result = await h.DriveAsync(h.Publisher.PublishAsync(retry), Step);

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(result.PinId, pin.Id);
        Assert.Equal(timeout.MediaId, pin.MediaId);
        Assert.Equal(1, pin.CoverImageKeyFrameTime);
        Assert.Single(h.Emulator.Uploads);
        Assert.Single(h.Emulator.Requests, r => r.Method == "POST" && r.Path == "/v5/media");
    }

    [Fact]
    public async Task A_host_retrying_with_the_same_operation_id_waits_for_the_upload_instead_of_uploading_again()
    {
        await using var h = await CreateHarnessAsync();
        var request = h.VideoRequest() with { OperationId = "job-7" };

        var timeout = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => h.DriveAsync(h.Publisher.PublishAsync(request), Step));
        h.Time.Advance(ProcessingTime);
        var result = await h.DriveAsync(h.Publisher.PublishAsync(request), Step);

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(result.PinId, pin.Id);
        Assert.Equal(timeout.MediaId, pin.MediaId);
        Assert.Single(h.Emulator.Uploads);
    }

    [Fact]
    public async Task A_host_retrying_without_an_operation_id_uploads_again()
    {
        await using var h = await CreateHarnessAsync();

        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.VideoRequest()), Step));
        h.Time.Advance(ProcessingTime);
        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.VideoRequest()), Step));

        Assert.Equal(2, h.Emulator.Uploads.Select(u => u.MediaId).Distinct().Count());
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task The_dispatcher_retries_a_timed_out_video_by_waiting_for_its_upload_not_uploading_again()
    {
        await using var h = await CreateHarnessAsync();
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.VideoRequest(), h.Time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Microsoft.Extensions.Options.Options.Create(new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance);

        Assert.Equal(1, await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), Step));
        var retryAt = Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        var upload = Assert.Single(h.Emulator.Uploads);
        Assert.Empty(h.Emulator.Pins);

        Assert.True(retryAt.At - h.Time.GetUtcNow() < ProcessingTime);
        h.Time.Advance(ProcessingTime);
        Assert.Equal(1, await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), Step));

        var published = Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(scheduled.Id));
        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(pin.Id, published.PinId);
        Assert.Equal(upload.MediaId, pin.MediaId);
        Assert.Single(h.Emulator.Uploads);
    }

    [Fact]
    public async Task Another_dispatcher_without_the_memory_uploads_again_and_makes_no_pin_meanwhile()
    {
        await using var h = await CreateHarnessAsync();
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.VideoRequest(), h.Time.GetUtcNow());
        var options = Microsoft.Extensions.Options.Options.Create(new PinSchedulingOptions());
        await using var otherInstance = await h.CreateAnotherInstanceAsync();
        var first = new PinScheduleDispatcher(store, h.Publisher, options, h.Time, NullLoggerFactory.Instance);
        var second = new PinScheduleDispatcher(store, otherInstance.GetRequiredService<IPinPublisher>(), options, h.Time, NullLoggerFactory.Instance);

        await h.DriveAsync(first.RunOnceAsync(CancellationToken.None), Step);
        var retryAt = Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        h.Time.Advance((retryAt.At - h.Time.GetUtcNow()).Duration());

        // The store carries no media id, so an instance (a process, with its own publisher) that did not see the timeout
        // can only upload again (and here that upload outlives the deadline too): the memory is per process, which the
        // README states.
        await h.DriveAsync(second.RunOnceAsync(CancellationToken.None), Step);

        Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        Assert.Equal(2, h.Emulator.Uploads.Select(u => u.MediaId).Distinct().Count());
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_timeout_without_a_usable_media_id_is_retried_as_it_was_and_does_not_break_the_round()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var publisher = new ScriptedPublisher(new PinterestMediaProcessingException("Still processing.", "not-a-media-id", PinterestMediaProcessingException.TranscodeTimeoutCode));
        var store = new InMemoryPinScheduleStore();
        var video = PinMedia.Video(VideoSource.FromFile("clip.mp4"));
        var scheduled = store.Schedule(new PublishPinRequest { AccountId = "a", BoardId = "1", Media = video }, time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, publisher, Microsoft.Extensions.Options.Options.Create(new PinSchedulingOptions()), time, NullLoggerFactory.Instance);

        Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None));
        var retryAt = Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        time.Advance(retryAt.At - time.GetUtcNow());
        Assert.Equal(1, await dispatcher.RunOnceAsync(CancellationToken.None));

        Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(scheduled.Id));
        Assert.All(publisher.Requests, r => Assert.Same(video, r.Media));
    }

    /// <summary>Throws the given failures in turn, then publishes.</summary>
    private sealed class ScriptedPublisher(params Exception[] failures) : IPinPublisher
    {
        public List<PublishPinRequest> Requests { get; } = [];

        public Task<Pinterest.Publishing.Preflight.PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return Requests.Count <= failures.Length
                ? Task.FromException<PublishPinResult>(failures[Requests.Count - 1])
                : Task.FromResult(new PublishPinResult { PinId = "42" });
        }
    }

    private static Task<PublishingHarness> CreateHarnessAsync() =>
        PublishingHarness.CreateAsync(configureOptions: o => o.VideoUpload.ProcessingTimeout = TimeSpan.FromSeconds(30), videoProcessingTime: ProcessingTime);
}
