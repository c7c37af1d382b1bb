using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.VideoUpload;

namespace Pinterest.Publishing.Tests.VideoUpload;

public sealed class VideoUploadOperationTests
{
    private readonly ObservableTimeProvider _clock = new();

    private VideoUploadOperation Operation(FakeMediaClient api, VideoUploadOptions? options = null, DateTimeOffset? deadlineStart = null) =>
        new(api, api.MediaId, options ?? new VideoUploadOptions(), _clock, NullLogger.Instance, deadlineStart, PinterestTelemetry.Shared);

    private double[] SecondsSinceStart(FakeMediaClient api) => [.. api.PollTimes.Select(t => (t - _clock.Start).TotalSeconds)];

    [Fact]
    public async Task Wait_PollsWithGrowingIntervals_UntilSucceeded()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Registered).Then(MediaUploadStatus.Processing, 5).Then(MediaUploadStatus.Succeeded);
        var operation = Operation(api);

        var details = await _clock.DriveAsync(operation.WaitForCompletionAsync());

        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.True(operation.HasCompleted);
        Assert.Equal(MediaUploadStatus.Succeeded, operation.Status);
        // 1 s, doubling, capped at 10 s.
        Assert.Equal([0, 1, 3, 7, 15, 25, 35], SecondsSinceStart(api));
    }

    [Fact]
    public async Task Wait_HonoursConfiguredIntervals()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing, 4).Then(MediaUploadStatus.Succeeded);
        var options = new VideoUploadOptions { InitialPollInterval = TimeSpan.FromSeconds(2), MaxPollInterval = TimeSpan.FromSeconds(5) };

        await _clock.DriveAsync(Operation(api, options).WaitForCompletionAsync());

        Assert.Equal([0, 2, 6, 11, 16], SecondsSinceStart(api));
    }

    [Fact]
    public async Task Failed_IsTranscodeFailed_WithTheMediaId()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing, 2).Then(MediaUploadStatus.Failed);
        var operation = Operation(api);

        var ex = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => _clock.DriveAsync(operation.WaitForCompletionAsync()));

        Assert.Equal(PinterestMediaProcessingException.TranscodeFailedCode, ex.Code);
        Assert.Equal(api.MediaId, ex.MediaId);
        Assert.Equal(3, api.PollTimes.Count);
        Assert.True(operation.HasCompleted);
    }

    [Fact]
    public async Task Deadline_IsTranscodeTimeout_AfterAFinalPollAtTheDeadline()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing);
        var options = new VideoUploadOptions { ProcessingTimeout = TimeSpan.FromSeconds(30) };
        var operation = Operation(api, options);

        var ex = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => _clock.DriveAsync(operation.WaitForCompletionAsync()));

        Assert.Equal(PinterestMediaProcessingException.TranscodeTimeoutCode, ex.Code);
        Assert.Equal(api.MediaId, ex.MediaId);
        Assert.Equal([0, 1, 3, 7, 15, 25, 30], SecondsSinceStart(api));
        Assert.False(operation.HasCompleted);
    }

    [Fact]
    public async Task Deadline_DefaultsToTenMinutes()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing);

        var ex = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => _clock.DriveAsync(Operation(api).WaitForCompletionAsync()));

        Assert.Equal(PinterestMediaProcessingException.TranscodeTimeoutCode, ex.Code);
        Assert.Equal(600, SecondsSinceStart(api)[^1]);
    }

    [Fact]
    public async Task Deadline_CountsFromTheUploadEnd_WhenGiven()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing);
        var operation = Operation(api, new VideoUploadOptions { ProcessingTimeout = TimeSpan.FromSeconds(20) }, deadlineStart: _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(15));

        await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => _clock.DriveAsync(operation.WaitForCompletionAsync()));

        Assert.Equal([15, 16, 18, 20], SecondsSinceStart(api));
    }

    [Fact]
    public async Task TransientPollErrors_DoNotEndTheWait()
    {
        var api = new FakeMediaClient(_clock)
            .Then(MediaUploadStatus.Processing)
            .ThenThrow(() => new PinterestApiException("unavailable", HttpStatusCode.ServiceUnavailable))
            .ThenThrow(() => new HttpRequestException("connection reset"))
            .ThenThrow(() => new PinterestApiException("slow down", HttpStatusCode.TooManyRequests))
            .ThenThrow(() => new TaskCanceledException("HttpClient.Timeout", new TimeoutException()))
            .Then(MediaUploadStatus.Succeeded);

        var details = await _clock.DriveAsync(Operation(api).WaitForCompletionAsync());

        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
        Assert.Equal(6, api.PollTimes.Count);
    }

    [Fact]
    public async Task TransientErrorAtTheDeadline_IsTheTimeoutsCause()
    {
        var api = new FakeMediaClient(_clock).ThenThrow(() => new PinterestApiException("down", HttpStatusCode.BadGateway));

        var ex = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() =>
            _clock.DriveAsync(Operation(api, new VideoUploadOptions { ProcessingTimeout = TimeSpan.FromSeconds(5) }).WaitForCompletionAsync()));

        Assert.Equal(PinterestMediaProcessingException.TranscodeTimeoutCode, ex.Code);
        Assert.IsType<PinterestApiException>(ex.InnerException);
    }

    [Fact]
    public async Task PermanentPollError_EndsTheWait()
    {
        var api = new FakeMediaClient(_clock)
            .Then(MediaUploadStatus.Processing)
            .ThenThrow(() => new PinterestApiException("not found", HttpStatusCode.NotFound));

        var ex = await Assert.ThrowsAsync<PinterestApiException>(() => _clock.DriveAsync(Operation(api).WaitForCompletionAsync()));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(2, api.PollTimes.Count);
    }

    [Fact]
    public async Task Cancellation_StopsTheWait_WithinOnePollInterval()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing);
        using var cts = new CancellationTokenSource();
        var wait = Operation(api).WaitForCompletionAsync(cts.Token);

        Assert.Equal(TimeSpan.FromSeconds(1), await _clock.NextTimerAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), await _clock.NextTimerAsync());
        _clock.Advance(TimeSpan.FromSeconds(0.5)); // mid-interval
        await cts.CancelAsync();

        // Completes with no further clock movement: well inside the current 2 s interval.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(1.5), _clock.Elapsed);
        Assert.Equal(2, api.PollTimes.Count);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, api.PollTimes.Count);
    }

    [Fact]
    public async Task CancelledWait_CanBeWaitedAgain_AndKeepsItsDeadline()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Processing, 3).Then(MediaUploadStatus.Succeeded);
        var operation = Operation(api, new VideoUploadOptions { ProcessingTimeout = TimeSpan.FromSeconds(100) });
        using (var cts = new CancellationTokenSource())
        {
            var first = operation.WaitForCompletionAsync(cts.Token);
            await _clock.NextTimerAsync();
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        var details = await _clock.DriveAsync(operation.WaitForCompletionAsync());

        Assert.Equal(MediaUploadStatus.Succeeded, details.Status);
    }

    [Fact]
    public async Task UpdateStatus_PollsOnce_AndReturnsFailedWithoutThrowing()
    {
        var api = new FakeMediaClient(_clock).Then(MediaUploadStatus.Failed);
        var operation = Operation(api);
        Assert.Null(operation.Status);
        Assert.False(operation.HasCompleted);

        var details = await operation.UpdateStatusAsync();

        Assert.Equal(MediaUploadStatus.Failed, details.Status);
        Assert.True(operation.HasCompleted);
        Assert.Single(api.PollTimes);
    }
}
