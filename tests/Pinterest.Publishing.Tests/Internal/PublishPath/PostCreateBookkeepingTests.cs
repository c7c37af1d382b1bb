using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// Once Pinterest answered the create with a Pin, the publish has succeeded: the bookkeeping after it (ending the
/// account's run of rate limits, forgetting the operation's upload, giving the account's slot back), a database call
/// with the EF stores, is best-effort and logged. A failure there, or the caller's cancellation then, must never make
/// the publish look failed: a scheduler would publish it again and Pinterest would get a second create.
/// </summary>
public sealed class PostCreateBookkeepingTests
{
    private const string BookkeepingFailedEvent = "[4103]";
    private const string SlotReleaseFailedEvent = "[4104]";
    private const string LedgerWriteFailedEvent = "[4008]";

    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task A_cooldown_store_failing_after_the_create_still_returns_the_pin_created_once()
    {
        await using var h = await CreateAsync();
        Coordinator(h).CooldownFault = () => h.Emulator.Pins.Count > 0 ? new InvalidOperationException("The cool-down table is unreachable.") : null;

        var result = await h.Publisher.PublishAsync(h.ImageRequest());

        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());
        Assert.Contains(_logs.Entries, e => e.Contains(BookkeepingFailedEvent, StringComparison.Ordinal) && e.Contains(result.PinId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ledger_failing_to_forget_the_operation_after_the_create_still_returns_the_pin_created_once()
    {
        PublishingHarness? harness = null;
        await using var h = await CreateAsync(services => services.AddSingleton(sp => FaultingProxy<IPinterestPublishLedger>.Wrap(
            new InProcessPublishLedger(sp.GetRequiredService<TimeProvider>()),
            (method, args) => method.Name == nameof(IPinterestPublishLedger.SetProcessingUploadAsync) && args[1] is null && harness!.Emulator.Pins.Count > 0
                ? new InvalidOperationException("The ledger is unreachable.")
                : null)));
        harness = h;

        var result = await h.Publisher.PublishAsync(h.ImageRequest() with { OperationId = "job-1" });

        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());
        Assert.Contains(_logs.Entries, e => e.Contains(BookkeepingFailedEvent, StringComparison.Ordinal) && e.Contains("job-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ledger_failing_to_claim_the_created_pin_and_end_the_attempt_still_returns_the_pin_created_once()
    {
        PublishingHarness? harness = null;
        await using var h = await CreateAsync(services => services.AddSingleton(sp => FaultingProxy<IPinterestPublishLedger>.Wrap(
            new InProcessPublishLedger(sp.GetRequiredService<TimeProvider>()),
            (method, _) => method.Name is nameof(IPinterestPublishLedger.TryClaimPinAsync) or nameof(IPinterestPublishLedger.EndCreateAttemptAsync)
                && harness!.Emulator.Pins.Count > 0
                ? new InvalidOperationException("The ledger is unreachable.")
                : null)));
        harness = h;

        var result = await h.Publisher.PublishAsync(h.ImageRequest() with { OperationId = "job-2" });

        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.False(result.Reconciled);
        Assert.Equal(1, h.CreateCalls());
        Assert.Empty(h.BoardListings());
        Assert.Contains(_logs.Entries, e => e.Contains(LedgerWriteFailedEvent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slot_release_failing_after_the_create_still_returns_the_pin_created_once()
    {
        await using var h = await CreateAsync();
        Coordinator(h).ReleaseFault = new InvalidOperationException("The advisory lock could not be released.");

        var result = await h.Publisher.PublishAsync(h.ImageRequest());

        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());
        Assert.Contains(_logs.Entries, e => e.Contains(SlotReleaseFailedEvent, StringComparison.Ordinal) && e.Contains(PublishingHarness.AccountId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slot_release_failing_after_a_refused_create_surfaces_pinterests_refusal_not_the_release_failure()
    {
        await using var h = await CreateAsync();
        Coordinator(h).ReleaseFault = new InvalidOperationException("The advisory lock could not be released.");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.BadRequest, 1, "Invalid parameters."));

        var ex = await Assert.ThrowsAsync<PinterestApiException>(() => h.Publisher.PublishAsync(h.ImageRequest()));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains(_logs.Entries, e => e.Contains(SlotReleaseFailedEvent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_caller_cancelling_once_the_pin_exists_still_gets_the_pin()
    {
        await using var h = await CreateAsync();
        using var caller = new CancellationTokenSource();
        // The caller gives up while the bookkeeping runs, and the store honours it (as a database command linked to it would).
        Coordinator(h).CooldownFault = () =>
        {
            if (h.Emulator.Pins.Count == 0)
            {
                return null;
            }

            caller.Cancel();
            return new OperationCanceledException(caller.Token);
        };

        var result = await h.Publisher.PublishAsync(h.ImageRequest(), caller.Token);

        Assert.True(caller.IsCancellationRequested);
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());
    }

    [Fact]
    public async Task The_dispatcher_records_a_pin_whose_bookkeeping_failed_as_published_and_never_creates_it_again()
    {
        await using var h = await CreateAsync();
        Coordinator(h).CooldownFault = () => h.Emulator.Pins.Count > 0 ? new InvalidOperationException("The cool-down table is unreachable.") : null;
        var store = new InMemoryPinScheduleStore();
        var scheduled = store.Schedule(h.ImageRequest(), h.Time.GetUtcNow());
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Microsoft.Extensions.Options.Options.Create(new PinSchedulingOptions()), h.Time, NullLoggerFactory.Instance);

        await dispatcher.RunOnceAsync(CancellationToken.None);
        h.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await dispatcher.RunOnceAsync(CancellationToken.None));

        var published = Assert.IsType<PinPublishOutcome.Published>(store.GetOutcome(scheduled.Id));
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, published.PinId);
        Assert.Equal(1, h.CreateCalls());
    }

    private static FaultyCoordinator Coordinator(PublishingHarness h) =>
        (FaultyCoordinator)h.Services.GetRequiredService<IPinterestAccountCoordinator>();

    private Task<PublishingHarness> CreateAsync(Action<IServiceCollection>? configureServices = null) =>
        PublishingHarness.CreateAsync(services =>
        {
            services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
            services.AddSingleton<IPinterestAccountCoordinator>(sp => new FaultyCoordinator(new InProcessAccountCoordinator(sp.GetRequiredService<TimeProvider>())));
            configureServices?.Invoke(services);
        });
}
