using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>A wait the server chooses (<c>Retry-After</c>) never parks a scheduled Pin past a documented maximum.</summary>
public class ServerDelayCapTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_retry_after_in_year_9999_reschedules_the_pin_a_day_later_not_forever()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var fault = EmulatorFault.Status(HttpStatusCode.TooManyRequests, 8, "Too many requests.") with
        {
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = "Fri, 31 Dec 9999 23:59:59 GMT" },
        };
        h.Emulator.InjectFault("POST /v5/pins", fault);
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());
        var options = new PinSchedulingOptions();
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Options.Create(options), h.Time, NullLoggerFactory.Instance);

        await dispatcher.RunOnceAsync(CancellationToken.None);

        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        Assert.Equal(h.Time.GetUtcNow() + TimeSpan.FromDays(1), retry.At);
        Assert.Equal(TimeSpan.FromDays(1), options.MaxRetryAfter);
    }

    public static TheoryData<TimeSpan> HugeWaits() => new()
    {
        TimeSpan.FromDays(1) + TimeSpan.FromTicks(1),
        TimeSpan.FromDays(365 * 7000),
        TimeSpan.MaxValue,
    };

    [Theory]
    [MemberData(nameof(HugeWaits))]
    public void A_server_chosen_wait_past_the_maximum_is_cut_to_it(TimeSpan retryAfter)
    {
        var options = new PinSchedulingOptions();
        var failure = new PinterestApiException("Service unavailable.", HttpStatusCode.ServiceUnavailable, retryAfter: retryAfter);

        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(failure, 1, Now, options));

        Assert.Equal(Now + options.MaxRetryAfter, retry.At);
    }

    [Fact]
    public void A_wait_within_the_maximum_is_honoured_as_it_is()
    {
        // Pinterest's daily Trial limits can ask for most of a day.
        var failure = new PinterestRateLimitException("Daily limit reached.", 8, "rid", TimeSpan.FromHours(23), isSpamBlock: false);

        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(failure, 1, Now, new PinSchedulingOptions()));

        Assert.Equal(Now + TimeSpan.FromHours(23), retry.At);
    }

    [Fact]
    public void A_due_time_past_the_end_of_the_calendar_is_clamped_instead_of_throwing()
    {
        // A host that sets its caps to the maximum must get a (far) due time, never an overflow from the mapper.
        var options = new PinSchedulingOptions { MaxRetryAfter = TimeSpan.MaxValue, SpamBlockDelay = TimeSpan.MaxValue };
        var late = DateTimeOffset.MaxValue.AddDays(-1);

        var retry = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(
            new PinterestApiException("Service unavailable.", HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromDays(2)), 1, late, options));
        var spam = Assert.IsType<PinPublishOutcome.RetryAt>(PinPublishOutcomeMapper.FromException(
            new PinterestRateLimitException("spam", 8, "rid", null, isSpamBlock: true), 1, late, options));

        Assert.Equal(DateTimeOffset.MaxValue, retry.At);
        Assert.Equal(DateTimeOffset.MaxValue, spam.At);
    }

    [Fact]
    public void A_negative_maximum_wait_fails_validation_naming_the_option()
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).AddPinScheduling(o => o.MaxRetryAfter = TimeSpan.FromSeconds(-1));

        var error = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<PinSchedulingOptions>>().Value);

        Assert.Contains("MaxRetryAfter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_idempotent_call_does_not_wait_for_a_retry_after_in_year_9999()
    {
        using var ctx = new ApiTestContext();
        ctx.Server.Given(Request.Create().WithPath("/v5/user_account").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT"));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => ctx.WithoutRetryAsync(ctx.Client().UserAccount.GetAsync()));

        Assert.True(error.RetryAfter > TimeSpan.FromDays(365 * 7000));
        Assert.Single(ctx.Requests);
    }
}
