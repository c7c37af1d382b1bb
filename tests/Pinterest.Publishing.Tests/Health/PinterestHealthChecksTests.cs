using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Health;

/// <summary>
/// <c>AddHealthChecks().AddPinterestPublishing()</c>: the dispatcher's loop alive, the oldest due Pin's lag, the token
/// and schedule stores answering, the options valid; healthy, degraded and unhealthy on a fake clock, with no Pinterest
/// call and no secret in the report.
/// </summary>
public sealed class PinterestHealthChecksTests
{
    private const string Secret = "pina_AbCdEf0123456789SECRET";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);
    private readonly ObservableTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private ServiceProvider Build(Action<IServiceCollection>? configure = null, bool scheduling = true, Action<PinterestPublishingOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var builder = services.AddPinterestPublishing(o =>
        {
            o.ClientId = "client";
            o.ClientSecret = Secret;
            options?.Invoke(o);
        });
        if (scheduling)
        {
            builder.AddPinScheduling(o => o.PollInterval = Poll);
        }

        services.AddHealthChecks().AddPinterestPublishing(o => o.MaxDueLag = TimeSpan.FromMinutes(5));
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReport> CheckAsync(ServiceProvider services) =>
        await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Fact]
    public async Task A_dispatcher_that_went_round_lately_with_nothing_late_is_healthy_everywhere()
    {
        await using var services = Build();
        services.GetRequiredService<DispatcherHeartbeat>().RoundStarted(_time.GetUtcNow(), allSlotsBusy: false);
        _time.Advance(Poll);

        var report = await CheckAsync(services);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(
            ["pinterest-publishing-dispatcher", "pinterest-publishing-options", "pinterest-publishing-schedule", "pinterest-publishing-token-store"],
            report.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_dispatcher_whose_last_round_is_older_than_k_poll_intervals_is_unhealthy_unless_every_slot_was_busy()
    {
        await using var services = Build();
        var heartbeat = services.GetRequiredService<DispatcherHeartbeat>();
        heartbeat.RoundStarted(_time.GetUtcNow(), allSlotsBusy: false);
        _time.Advance(Poll * 3 - TimeSpan.FromSeconds(1));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Entries["pinterest-publishing-dispatcher"].Status);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(services)).Entries["pinterest-publishing-dispatcher"].Status);

        heartbeat.RoundStarted(_time.GetUtcNow(), allSlotsBusy: true);
        _time.Advance(Poll * 10);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Entries["pinterest-publishing-dispatcher"].Status);
    }

    [Fact]
    public async Task A_dispatcher_that_never_went_round_or_whose_claim_failed_is_degraded()
    {
        await using var services = Build();
        Assert.Equal(HealthStatus.Degraded, (await CheckAsync(services)).Entries["pinterest-publishing-dispatcher"].Status);

        var heartbeat = services.GetRequiredService<DispatcherHeartbeat>();
        heartbeat.RoundStarted(_time.GetUtcNow(), allSlotsBusy: false);
        heartbeat.ClaimFailed("TimeoutException");
        var entry = (await CheckAsync(services)).Entries["pinterest-publishing-dispatcher"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("TimeoutException", entry.Data["exception_type"]);
    }

    [Fact]
    public async Task A_due_pin_waiting_longer_than_the_threshold_degrades_the_schedule_check_with_its_lag()
    {
        await using var services = Build();
        var store = services.GetRequiredService<InMemoryPinScheduleStore>();
        store.Schedule(new PublishPinRequest { AccountId = "a", Media = PinMedia.Image(new Uri("https://example.com/a.jpg")) }, _time.GetUtcNow());

        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Entries["pinterest-publishing-schedule"].Status);

        _time.Advance(TimeSpan.FromMinutes(2));
        var entry = (await CheckAsync(services)).Entries["pinterest-publishing-schedule"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(TimeSpan.FromMinutes(6).TotalSeconds, entry.Data["lag_seconds"]);

        // A Pin a dispatcher holds is not waiting.
        await store.ClaimDueAsync(_time.GetUtcNow(), 10, TimeSpan.FromMinutes(30));
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(services)).Entries["pinterest-publishing-schedule"].Status);
    }

    [Fact]
    public async Task Stores_that_do_not_answer_are_unhealthy_and_the_report_holds_no_secret_from_their_messages()
    {
        await using var services = Build(s =>
        {
            s.AddSingleton<IPinterestTokenStore, FailingStore>();
            s.AddSingleton<IPinScheduleStore, FailingStore>();
        });

        var report = await CheckAsync(services);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["pinterest-publishing-token-store"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["pinterest-publishing-schedule"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.DoesNotContain(Secret, Describe(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_are_unhealthy_with_the_setting_named_and_no_secret()
    {
        await using var services = Build(options: o => o.RequestTimeout = TimeSpan.FromDays(3));

        var report = await CheckAsync(services);

        var entry = report.Entries["pinterest-publishing-options"];
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("RequestTimeout", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, Describe(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_scheduling_the_dispatcher_and_schedule_checks_have_nothing_to_check()
    {
        await using var services = Build(scheduling: false);

        var report = await CheckAsync(services);

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    private static string Describe(HealthReport report) => string.Join("\n", report.Entries.Select(e =>
        $"{e.Key} {e.Value.Status} {e.Value.Description} {e.Value.Exception} {string.Join(",", e.Value.Data.Select(d => $"{d.Key}={d.Value}"))}"));

    private sealed class FailingStore : IPinterestTokenStore, IPinScheduleStore, IPinScheduleStoreHealth
    {
        private static InvalidOperationException Failure() => new($"Cannot connect: Password={Secret}");

        public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default) => throw Failure();

        public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default) => throw Failure();

        public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default) => throw Failure();

        public Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default) => throw Failure();

        public Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw Failure();
    }
}
