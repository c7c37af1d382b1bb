using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// The video stage's memory of uploads still processing: keyed by <see cref="PublishPinRequest.OperationId"/>, kept a
/// day, never used by a request without one, and dropped when Pinterest no longer has the upload.
/// </summary>
public class VideoStageTests
{
    private static readonly PinMedia Video = PinMedia.Video(VideoSource.FromFile("clip.mp4"));

    [Fact]
    public async Task A_remembered_upload_that_pinterest_no_longer_has_is_uploaded_again_not_rejected()
    {
        ScriptedUploader? uploader = null;
        await using var h = await PublishingHarness.CreateAsync(services => services.AddSingleton<IVideoPinUploader>(sp =>
            uploader = new ScriptedUploader(ActivatorUtilities.CreateInstance<VideoPinUploader>(sp), Timeout("895675442034933911"))));
        var store = new InMemoryPinScheduleStore();
        var request = h.VideoRequest();
        var video = (VideoPinMedia)request.Media;
        var scheduled = store.Schedule(request, h.Time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Microsoft.Extensions.Options.Options.Create(new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance);

        for (var round = 0; round < 3; round++)
        {
            if (store.GetOutcome(scheduled.Id) is PinPublishOutcome.RetryAt retryAt)
            {
                h.Time.Advance(retryAt.At - h.Time.GetUtcNow());
            }

            // The second round waits for media Pinterest does not have: the emulator answers its status with 404.
            Assert.Equal(1, await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), TimeSpan.FromSeconds(1)));
        }

        Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(scheduled.Id));
        Assert.Same(video.Source, uploader!.Sources[0]);
        Assert.Equal("uploaded media 895675442034933911", uploader.Sources[1].ToString());
        Assert.Same(video.Source, uploader.Sources[2]);
        Assert.Single(h.Emulator.Uploads);
    }

    [Fact]
    public async Task A_retry_with_the_same_operation_id_waits_for_the_upload_left_processing()
    {
        var stage = Stage(new FakeTimeProvider(), Timeout("111"));
        var request = VideoRequest("op-1");

        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => stage.UploadAndWaitAsync(null!, request, CancellationToken.None));

        var resumed = await stage.ResumeProcessingUploadAsync(request, CancellationToken.None);
        Assert.Equal("uploaded media 111", ((VideoPinMedia)resumed.Media).Source.ToString());
        Assert.Same(Video, (await stage.ResumeProcessingUploadAsync(VideoRequest("op-2"), CancellationToken.None)).Media);
    }

    [Fact]
    public async Task A_request_without_an_operation_id_never_resumes()
    {
        var stage = Stage(new FakeTimeProvider(), Timeout("111"));
        var request = VideoRequest(operationId: null);

        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => stage.UploadAndWaitAsync(null!, request, CancellationToken.None));

        Assert.Same(request, await stage.ResumeProcessingUploadAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task A_timeout_without_a_usable_media_id_is_not_resumed()
    {
        var stage = Stage(new FakeTimeProvider(), Timeout("not-a-media-id"));
        var request = VideoRequest("op-1");

        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => stage.UploadAndWaitAsync(null!, request, CancellationToken.None));

        Assert.Same(request, await stage.ResumeProcessingUploadAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task An_upload_left_processing_is_forgotten_after_a_day()
    {
        var time = new FakeTimeProvider();
        var stage = Stage(time, Timeout("111"), Timeout("222"));
        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => stage.UploadAndWaitAsync(null!, VideoRequest("op-1"), CancellationToken.None));

        time.Advance(InProcessPublishLedger.ProcessingUploadRetention + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => stage.UploadAndWaitAsync(null!, VideoRequest("op-2"), CancellationToken.None));

        Assert.Same(Video, (await stage.ResumeProcessingUploadAsync(VideoRequest("op-1"), CancellationToken.None)).Media);
        Assert.Equal("uploaded media 222", ((VideoPinMedia)(await stage.ResumeProcessingUploadAsync(VideoRequest("op-2"), CancellationToken.None)).Media).Source.ToString());
    }

    [Fact]
    public async Task A_video_that_failed_processing_is_not_resumed()
    {
        var stage = Stage(new FakeTimeProvider(), Timeout("111"), new PinterestMediaProcessingException("Failed.", "111", PinterestMediaProcessingException.TranscodeFailedCode));
        var request = VideoRequest("op-1");
        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => stage.UploadAndWaitAsync(null!, request, CancellationToken.None));

        var resumed = await stage.ResumeProcessingUploadAsync(request, CancellationToken.None);
        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => stage.UploadAndWaitAsync(null!, resumed, CancellationToken.None));

        Assert.Same(request, await stage.ResumeProcessingUploadAsync(request, CancellationToken.None));
    }

    private static VideoStage Stage(TimeProvider time, params Exception?[] script) =>
        new(new ScriptedUploader(inner: null, script), new InProcessPublishLedger(time), NullLoggerFactory.Instance);

    private static PublishPinRequest VideoRequest(string? operationId) =>
        new() { AccountId = "a", BoardId = "1", Media = Video, OperationId = operationId };

    private static PinterestMediaProcessingException Timeout(string mediaId) =>
        new("Still processing.", mediaId, PinterestMediaProcessingException.TranscodeTimeoutCode);

    /// <summary>Throws the scripted failures in turn (a null entry, or the end of the script, goes to the inner uploader).</summary>
    private sealed class ScriptedUploader(IVideoPinUploader? inner, params Exception?[] script) : IVideoPinUploader
    {
        public List<VideoSource> Sources { get; } = [];

        public Task<string> UploadAndWaitAsync(PinterestClient client, VideoSource source, CancellationToken cancellationToken)
        {
            Sources.Add(source);
            var call = Sources.Count - 1;
            return call < script.Length && script[call] is { } failure
                ? Task.FromException<string>(failure)
                : inner?.UploadAndWaitAsync(client, source, cancellationToken) ?? throw new InvalidOperationException("Nothing scripted for this call.");
        }
    }
}
