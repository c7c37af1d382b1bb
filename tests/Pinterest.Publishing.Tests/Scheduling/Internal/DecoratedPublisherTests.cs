using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Scheduling.Internal;

/// <summary>
/// A host that decorates <see cref="IPinPublisher"/> (to log or measure, say) keeps the dispatcher's guards: the lease
/// deadline and the resume key travel on the request, not through a downcast to the library's own publisher.
/// </summary>
public class DecoratedPublisherTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_decorated_publisher_does_not_create_a_pin_past_the_lease_deadline()
    {
        // The lease is 10 minutes and its create deadline a minute earlier; the video is processed after 9 min 5 s: past
        // the deadline, before the lease ends.
        await using var h = await PublishingHarness.CreateAsync(
            configureOptions: o => o.VideoUpload.ProcessingTimeout = TimeSpan.FromMinutes(20),
            videoProcessingTime: TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(5));
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.VideoRequest(), h.Time.GetUtcNow());
        var options = Options.Create(new PinSchedulingOptions { Lease = TimeSpan.FromMinutes(10) });
        var dispatcher = new PinScheduleDispatcher(store, new ForwardingPublisher(h.Publisher), options, h.Time, NullLoggerFactory.Instance);

        await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), Step);

        var retryAt = Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        Assert.Contains("CreateDeadline", retryAt.Reason, StringComparison.Ordinal);
        Assert.Equal(0, h.CreateCalls());
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_decorated_publisher_retries_a_timed_out_video_by_waiting_for_its_upload()
    {
        var processing = TimeSpan.FromHours(1);
        await using var h = await PublishingHarness.CreateAsync(configureOptions: o => o.VideoUpload.ProcessingTimeout = TimeSpan.FromSeconds(30), videoProcessingTime: processing);
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.VideoRequest(), h.Time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, new ForwardingPublisher(h.Publisher), Options.Create(new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance);

        await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), Step);
        Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        h.Time.Advance(processing);
        await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), Step);

        var published = Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(scheduled.Id));
        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(pin.Id, published.PinId);
        Assert.Equal(Assert.Single(h.Emulator.Uploads).MediaId, pin.MediaId);
    }

    [Fact]
    public async Task The_dispatcher_puts_its_lease_deadline_and_the_pins_id_on_the_request_keeping_an_earlier_own_deadline()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        var store = new InMemoryPinScheduleStore();
        var plain = store.Schedule(Request("plain", createDeadline: null), now);
        var early = store.Schedule(Request("early", now.AddMinutes(5)), now);
        var late = store.Schedule(Request("late", now.AddHours(5)), now);
        var publisher = new RecordingPublisher();
        var options = Options.Create(new PinSchedulingOptions { Lease = TimeSpan.FromMinutes(30) });
        var dispatcher = new PinScheduleDispatcher(store, new ForwardingPublisher(publisher), options, time, NullLoggerFactory.Instance);

        Assert.Equal(3, await dispatcher.RunOnceAsync(CancellationToken.None));

        // A 30-minute lease keeps a one-minute margin.
        var leaseDeadline = now.AddMinutes(29);
        Assert.Equal((plain.Id, leaseDeadline), publisher.Seen["plain"]);
        Assert.Equal((early.Id, now.AddMinutes(5)), publisher.Seen["early"]);
        Assert.Equal((late.Id, leaseDeadline), publisher.Seen["late"]);
    }

    private static PublishPinRequest Request(string title, DateTimeOffset? createDeadline) => new()
    {
        AccountId = "a",
        BoardId = "1",
        Title = title,
        Media = PinMedia.Image(new Uri("https://img.example.com/a.jpg")),
        CreateDeadline = createDeadline,
    };

    /// <summary>Publishes at once, recording each request's operation id and create deadline by title.</summary>
    private sealed class RecordingPublisher : IPinPublisher
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, (string? OperationId, DateTimeOffset? CreateDeadline)> Seen { get; } = new();

        public Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default)
        {
            Seen[request.Title!] = (request.OperationId, request.CreateDeadline);
            return Task.FromResult(new PublishPinResult { PinId = "42" });
        }
    }

    /// <summary>A host's decorator that only forwards.</summary>
    private sealed class ForwardingPublisher(IPinPublisher inner) : IPinPublisher
    {
        public Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
            inner.ValidateAsync(request, cancellationToken);

        public Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
            inner.PublishAsync(request, cancellationToken);
    }
}
