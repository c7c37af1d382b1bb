using System.Net;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Scheduling.Internal;

/// <summary>What the scheduler does with a publish that failed: retry later what the draft cannot fix, reject what only it can.</summary>
public class PinPublishOutcomeMapperTests
{
    private static readonly PinSchedulingOptions Scheduling = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<Exception> TransientFailures() => new()
    {
        new PinterestApiException("Creating the Pin failed before it reached Pinterest.", new HttpRequestException(HttpRequestError.ConnectionError, "refused")),
        new PinterestVideoUploadException("The upload host answered 503.", HttpStatusCode.ServiceUnavailable),
        new PinterestVideoUploadException("The upload timed out.", statusCode: null),
        new InvalidOperationException("token store database is down"),
        new ArgumentException("The host's token store refused the account id.", "accountId"),
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public void Failures_the_draft_cannot_fix_are_retried_later(Exception failure)
    {
        var outcome = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(failure, 1, Now, Scheduling));
        Assert.True(outcome.At > Now);
    }

    [Fact]
    public void An_upload_the_host_refuses_as_forbidden_is_rejected()
    {
        Assert.IsType<PinPublishOutcome.Rejected>(PinPublishOutcomeMapper.FromException(new PinterestVideoUploadException("403", HttpStatusCode.Forbidden), 1, Now, Scheduling));
    }
}
