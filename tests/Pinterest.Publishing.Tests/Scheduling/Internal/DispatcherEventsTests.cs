using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Events;
using Pinterest.Publishing.Events.Internal;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.Events;

namespace Pinterest.Publishing.Tests.Scheduling.Internal;

/// <summary>
/// The dispatcher tells the observers what happened to each scheduled Pin, after the store recorded it, in order per
/// Pin; the publish path tells them when an account starts cooling down. No event carries a token.
/// </summary>
public sealed class DispatcherEventsTests
{
    private static PinScheduleDispatcher Dispatcher(PublishingHarness h, IPinScheduleStore store, IPinPublisher? publisher = null, PinSchedulingOptions? options = null) =>
        new(store, publisher ?? h.Publisher, Options.Create(options ?? new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance, h.Services.GetRequiredService<PublishingEvents>());

    private static Task<PublishingHarness> CreateAsync(RecordingObserver observer) =>
        PublishingHarness.CreateAsync(services => services.AddSingleton<IPinterestPublishingObserver>(observer));

    [Fact]
    public async Task A_published_pin_raises_pin_published_with_its_scheduled_and_pinterest_ids_once_the_store_has_it()
    {
        var observer = new StoreReadingObserver();
        await using var h = await PublishingHarness.CreateAsync(services => services.AddSingleton<IPinterestPublishingObserver>(observer));
        var store = new InMemoryPinScheduleStore();
        observer.Store = store;
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());

        await Dispatcher(h, store).RunOnceAsync(CancellationToken.None);

        var (published, outcomeSeen) = await observer.Published.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(PublishingHarness.AccountId, published.AccountId);
        Assert.Equal(pin.Id, published.ScheduledPinId);
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, published.PinId);
        Assert.IsType<PinPublishOutcome.Published>(outcomeSeen);
    }

    [Fact]
    public async Task A_retried_pin_raises_retry_scheduled_then_pin_published_in_that_order()
    {
        var observer = new RecordingObserver();
        await using var h = await CreateAsync(observer);
        var store = new InMemoryPinScheduleStore();
        var failing = new FailOncePublisher(h.Publisher, new PinterestApiException("Pinterest is down.", HttpStatusCode.ServiceUnavailable, null, "rid"));
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());
        var dispatcher = Dispatcher(h, store, failing);

        await dispatcher.RunOnceAsync(CancellationToken.None);
        h.Time.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        var retry = await observer.NextAsync<PinRetryScheduledEvent>();
        Assert.Equal(pin.Id, retry.ScheduledPinId);
        Assert.Equal(1, retry.Attempt);
        Assert.True(retry.CountsAsAttempt);
        Assert.True(retry.RetryAt > h.Time.Start);
        var published = await observer.NextAsync<PinPublishedEvent>();
        Assert.Equal(pin.Id, published.ScheduledPinId);
    }

    [Fact]
    public async Task A_draft_preflight_rejects_raises_pin_rejected_with_its_codes()
    {
        var observer = new RecordingObserver();
        await using var h = await CreateAsync(observer);
        var store = new InMemoryPinScheduleStore();
        var pin = store.Schedule(h.ImageRequest(title: new string('t', 500)), h.Time.GetUtcNow());

        await Dispatcher(h, store).RunOnceAsync(CancellationToken.None);

        var rejected = await observer.NextAsync<PinRejectedEvent>();
        Assert.Equal(pin.Id, rejected.ScheduledPinId);
        Assert.Equal(Assert.IsType<PinPublishOutcome.Rejected>(store.GetOutcome(pin.Id)).Codes, rejected.Codes);
        Assert.Contains(PreflightCodes.TitleLengthMax, rejected.Codes);
    }

    public static TheoryData<string, PinterestReauthorizationReason, string[]> Reauthorizations => new()
    {
        { "revoked", PinterestReauthorizationReason.RevokedGrant, [] },
        { "scope", PinterestReauthorizationReason.MissingScope, ["pins:write", "boards:read"] },
        { "app", PinterestReauthorizationReason.AppCredentials, [] },
    };

    [Theory]
    [MemberData(nameof(Reauthorizations))]
    public async Task An_account_to_reconnect_raises_reauthorization_required_with_its_reason_and_no_token(string failure, PinterestReauthorizationReason reason, string[] scopes)
    {
        const string token = "pina_AbCdEf0123456789SECRET";
        Exception exception = failure switch
        {
            "revoked" => new PinterestReauthorizationRequiredException($"Refused access_token={token}.", PublishingHarness.AccountId),
            "scope" => new PinterestInsufficientScopeException($"Needs scopes; token {token}.", scopes, "rid"),
            _ => new PinterestAppCredentialsException($"Client refused (Basic {token})."),
        };
        var observer = new RecordingObserver();
        await using var h = await CreateAsync(observer);
        var store = new InMemoryPinScheduleStore();
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());

        await Dispatcher(h, store, new FailOncePublisher(h.Publisher, exception)).RunOnceAsync(CancellationToken.None);

        var required = await observer.NextAsync<ReauthorizationRequiredEvent>();
        Assert.Equal(reason, required.Reason);
        Assert.Equal(scopes, required.RequiredScopes);
        Assert.Equal(pin.Id, required.ScheduledPinId);
        Assert.Equal(PublishingHarness.AccountId, required.AccountId);
        Assert.DoesNotContain(token, required.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_create_raises_outcome_unknown_with_the_attempts_start()
    {
        var observer = new RecordingObserver();
        await using var h = await CreateAsync(observer);
        var store = new InMemoryPinScheduleStore();
        var started = h.Time.GetUtcNow() - TimeSpan.FromSeconds(3);
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());

        await Dispatcher(h, store, new FailOncePublisher(h.Publisher, new PinterestPublishOutcomeUnknownException("No answer to the create.", started))).RunOnceAsync(CancellationToken.None);

        var unknown = await observer.NextAsync<PinOutcomeUnknownEvent>();
        Assert.Equal(pin.Id, unknown.ScheduledPinId);
        Assert.Equal(started, unknown.AttemptStartedAt);
    }

    [Fact]
    public async Task A_rate_limited_create_raises_account_cooling_down_then_retry_scheduled()
    {
        var observer = new RecordingObserver();
        await using var h = await CreateAsync(observer);
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromMinutes(10)), count: 1);
        var store = new InMemoryPinScheduleStore();
        var pin = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());

        await Dispatcher(h, store).RunOnceAsync(CancellationToken.None);

        var cooling = await observer.NextAsync<AccountCoolingDownEvent>();
        Assert.Equal(PublishingHarness.AccountId, cooling.AccountId);
        Assert.False(cooling.IsSpamBlock);
        Assert.Equal(1, cooling.InARow);
        Assert.True(cooling.Until >= h.Time.GetUtcNow() + TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var retry = await observer.NextAsync<PinRetryScheduledEvent>();
        Assert.Equal(pin.Id, retry.ScheduledPinId);
        Assert.False(retry.CountsAsAttempt);
    }

    /// <summary>Throws <paramref name="failure"/> on the first publish, then publishes through <paramref name="inner"/>.</summary>
    private sealed class FailOncePublisher(IPinPublisher inner, Exception failure) : IPinPublisher
    {
        private int _calls;

        public Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default) => inner.ValidateAsync(request, cancellationToken);

        public Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == 1 ? Task.FromException<PublishPinResult>(failure) : inner.PublishAsync(request, cancellationToken);
    }

    /// <summary>Reads the store when told a Pin was published, to show the event comes after the outcome was recorded.</summary>
    private sealed class StoreReadingObserver : IPinterestPublishingObserver
    {
        public InMemoryPinScheduleStore? Store { get; set; }

        public TaskCompletionSource<(PinPublishedEvent, PinPublishOutcome?)> Published { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnPinPublishedAsync(PinPublishedEvent published, CancellationToken cancellationToken)
        {
            Published.TrySetResult((published, Store!.GetOutcome(published.ScheduledPinId!)));
            return Task.CompletedTask;
        }
    }
}
