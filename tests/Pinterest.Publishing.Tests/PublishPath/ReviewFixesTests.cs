using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.PublishPath;

public class ReviewFixesTests
{
    private static readonly PinSchedulingOptions Scheduling = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_failed_token_refresh_before_the_create_is_retried_not_reconciled()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.Unauthorized, 2, "Authentication failed."));
        // Refused connections: the refresh surely was not processed (a 5xx might have spent the refresh token, and
        // then nothing retries it at once: see TokenLifetimeEndToEndTests).
        h.Emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.ConnectionRefused(), count: 4);

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest()), TimeSpan.FromSeconds(5));

        // The 401 proves the first create was not processed, so the failed refresh is followed by a second create
        // (with the still-valid token), not by a search of the board.
        Assert.False(result.Reconciled);
        Assert.Equal(2, h.CreateCalls());
        Assert.Equal(result.PinId, Assert.Single(h.Emulator.Pins).Id);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Path.EndsWith("/pins", StringComparison.Ordinal) && r.Method == "GET");
    }

    [Fact]
    public async Task Cancelling_with_the_create_in_flight_reports_an_unknown_outcome()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.DelayBy(TimeSpan.FromMinutes(1)));
        using var cts = new CancellationTokenSource();

        var publish = h.Publisher.PublishAsync(h.ImageRequest(), cts.Token);
        await PublisherFaultTests.WaitUntil(() => h.CreateCalls() == 1);
        await cts.CancelAsync();

        await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => publish);
    }

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
    public async Task A_malformed_scheduled_request_is_rejected_at_once_not_retried()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.ImageRequest() with { AccountId = " " }, h.Time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Options.Create(new PinSchedulingOptions()), h.Time, NullLogger<PinScheduleDispatcher>.Instance);

        await dispatcher.RunOnceAsync(CancellationToken.None);

        var rejected = Assert.IsType<PinPublishOutcome.Rejected>(store.GetOutcome(scheduled.Id));
        Assert.Equal(["request.invalid"], rejected.Codes);
        Assert.Contains("AccountId", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(store.GetPending());
    }

    [Fact]
    public void An_upload_the_host_refuses_as_forbidden_is_rejected()
    {
        Assert.IsType<PinPublishOutcome.Rejected>(PinPublishOutcomeMapper.FromException(new PinterestVideoUploadException("403", HttpStatusCode.Forbidden), 1, Now, Scheduling));
    }

    [Fact]
    public void Configured_image_content_types_replace_the_defaults_and_other_settings_bind()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pinterest:Preflight:AllowedImageContentTypes:0"] = "image/png",
            ["Pinterest:Preflight:MaxImageBytes"] = "1234",
            ["Pinterest:Retry:MaxRetries"] = "7",
            ["Pinterest:VideoUpload:ProcessingTimeout"] = "00:20:00",
            ["Pinterest:Environment"] = "Sandbox",
        }).Build();
        var services = new ServiceCollection();
        services.AddPinterestPublishing(configuration);
        services.AddPinterestPublishing(configuration);

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<PinterestPublishingOptions>>().Value;

        Assert.Equal(["image/png"], options.Preflight.AllowedImageContentTypes);
        Assert.Equal(1234, options.Preflight.MaxImageBytes);
        Assert.Equal(7, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMinutes(20), options.VideoUpload.ProcessingTimeout);
        Assert.Equal(PinterestPublishingOptions.SandboxBaseAddress, options.EffectiveBaseAddress);
    }
}
