using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Tests.Publishing;

namespace Pinterest.Publishing.Tests.Scheduling;

/// <summary>
/// design.md §5: "The operation can be resumed from a media_id (a scheduler that restarts mid-processing must not
/// upload again)." A video whose processing outlasts <see cref="VideoUploadOptions.ProcessingTimeout"/> is retried
/// by the dispatcher.
/// </summary>
public class VideoResumeSchedulingTests
{
    [Fact]
    public async Task A_scheduled_video_retried_after_a_processing_timeout_resumes_its_media_instead_of_uploading_again()
    {
        // The emulator takes 5 s to process a video; the publisher waits at most 2 s.
        await using var h = await PublishingHarness.CreateAsync(configureOptions: o =>
        {
            o.VideoUpload.ProcessingTimeout = TimeSpan.FromSeconds(2);
            o.VideoUpload.InitialPollInterval = TimeSpan.FromSeconds(1);
            o.VideoUpload.MaxPollInterval = TimeSpan.FromSeconds(1);
        });
        var store = new InMemoryPinScheduleStore();
        var dispatcher = new PinScheduleDispatcher(
            store,
            h.Publisher,
            Options.Create(new PinSchedulingOptions()),
            h.Time,
            NullLogger<PinScheduleDispatcher>.Instance);
        var video = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", "video-5s.mp4");
        var scheduled = store.Schedule(
            new PublishPinRequest { AccountId = PublishingHarness.AccountId, BoardId = h.Board.Id, Title = "Long video", Media = PinMedia.Video(VideoSource.FromFile(video)) },
            h.Time.GetUtcNow());

        await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), TimeSpan.FromSeconds(1));
        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        Assert.Single(h.Emulator.Uploads);

        // By the retry the first upload has long finished processing at Pinterest.
        h.Time.Advance(retry.At - h.Time.GetUtcNow() + TimeSpan.FromSeconds(1));
        await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), TimeSpan.FromSeconds(1));

        Assert.Single(h.Emulator.Uploads);
        Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(scheduled.Id));
    }
}
