using System.Collections.Concurrent;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// A scripted <see cref="MediaClient"/> test double (made with its protected constructor for mocking): registration answers with an upload URL, and each status poll takes the next scripted step
/// (a status or an exception), repeating the last one. Records when (on the fake clock) each poll happened.
/// </summary>
internal sealed class FakeMediaClient(TimeProvider clock) : MediaClient
{
    private readonly ConcurrentQueue<Func<MediaUploadDetails>> _steps = new();
    private Func<MediaUploadDetails>? _last;

    public string MediaId { get; set; } = "895675442034933911";

    public Uri UploadUrl { get; set; } = new("https://upload.example.invalid/");

    public Dictionary<string, string> UploadParameters { get; set; } = new()
    {
        ["x-amz-date"] = "20260101T000000Z",
        ["x-amz-signature"] = "SECRET-SIGNATURE-VALUE",
        ["x-amz-security-token"] = "SECRET-SESSION-TOKEN",
        ["key"] = "uploads/video.mp4",
        ["policy"] = "SECRET-POLICY-BASE64",
        ["x-amz-credential"] = "AKIAEXAMPLE/20260101/us-east-1/s3/aws4_request",
        ["x-amz-algorithm"] = "AWS4-HMAC-SHA256",
        ["Content-Type"] = "multipart/form-data",
    };

    public int RegisterCalls { get; private set; }

    public ConcurrentQueue<DateTimeOffset> PollTimes { get; } = new();

    public FakeMediaClient Then(MediaUploadStatus status, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _steps.Enqueue(() => new MediaUploadDetails { MediaId = MediaId, MediaType = "video", Status = status });
        }

        return this;
    }

    public FakeMediaClient ThenThrow(Func<Exception> exception)
    {
        _steps.Enqueue(() => throw exception());
        return this;
    }

    public override Task<MediaUploadRegistration> RegisterVideoUploadAsync(CancellationToken cancellationToken = default)
    {
        RegisterCalls++;
        return Task.FromResult(new MediaUploadRegistration
        {
            MediaId = MediaId,
            MediaType = "video",
            UploadUrl = UploadUrl,
            UploadParameters = new Dictionary<string, string>(UploadParameters),
        });
    }

    public override Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken = default)
    {
        Assert.Equal(MediaId, mediaId);
        cancellationToken.ThrowIfCancellationRequested();
        PollTimes.Enqueue(clock.GetUtcNow());
        if (_steps.TryDequeue(out var step))
        {
            _last = step;
        }

        var next = _last ?? throw new InvalidOperationException("No scripted status.");
        try
        {
            return Task.FromResult(next());
        }
        catch (Exception ex)
        {
            return Task.FromException<MediaUploadDetails>(ex);
        }
    }
}
