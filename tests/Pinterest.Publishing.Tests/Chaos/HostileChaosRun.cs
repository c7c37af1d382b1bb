using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>One publish of the run: its number, unique title, account, media and, when scheduled, its store id.</summary>
internal sealed record ChaosPublish(int Number, string Title, int Account, ChaosMedia Media, string Variant, string? ScheduledId);

/// <summary>
/// The hostile chaos run: publishes over <see cref="Accounts"/> accounts on the emulator, all on one fake clock, while
/// seeded faults (<see cref="HostileChaosFaults"/>) hit creates, board listings, media registration, status and upload
/// and the token endpoint. First the publish-only part, one publish after the other (so a seed always gives the same
/// outcomes), with a clock jump half-way that expires every access token; then the scheduled part, through the
/// dispatcher with several publishes in flight, in two waves with another clock jump between them.
/// </summary>
internal static class HostileChaosRun
{
    public const int Accounts = 20;

    /// <summary>The user of this account disconnects the app early in the run.</summary>
    public const int RevokedAccount = Accounts - 1;

    /// <summary>This account was connected without <c>boards:write</c>: it uploads videos, but each create is refused 401 code 3.</summary>
    public const int ScopelessAccount = Accounts - 2;

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private const string TokenRoute = "POST /v5/oauth/token";

    // Accounts whose stored expiry says "valid for a year" while Pinterest expires them with the others: after a clock
    // jump they meet a 401 and refresh after it, the others refresh before use.
    private static bool StoreLiesAboutExpiry(int account) => account % 2 == 0;

    public static async Task<HostileChaosResult> RunAsync(int seed, int publishOnly, int scheduled, int maxConcurrentPublishes = 4)
    {
        using var witness = new LeakWitness();
        using var spool = new TempDirectory();
        var tokenEvents = new ConcurrentQueue<string>();
        var tokenStore = new RecordingTokenStore(tokenEvents);
        var schedule = new ObservedScheduleStore();
        var drip = new DrippingVideoHost.Counts();
        void ConfigureScheduling(PinSchedulingOptions o)
        {
            o.MaxConcurrentPublishes = maxConcurrentPublishes;
            o.RetryBaseDelay = TimeSpan.FromSeconds(10);
            o.RetryMaxDelay = TimeSpan.FromMinutes(1);
            o.MaxRetryAfter = TimeSpan.FromMinutes(1);
            o.SpamBlockDelay = TimeSpan.FromMinutes(2);
            o.MaxAttempts = 3;
        }

        var scheduling = new PinSchedulingOptions();
        ConfigureScheduling(scheduling);

        await using var h = await PublishingHarness.CreateAsync(
            configureServices: services =>
            {
                services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(witness.Logs));
                services.AddSingleton<IPinterestTokenStore>(tokenStore);
                services.AddSingleton<IPinScheduleStore>(schedule);
                services.AddPinterestPublishing(_ => { }).AddPinScheduling(ConfigureScheduling);
                services.AddHttpClient(PinterestHttpClientNames.Probe).AddHttpMessageHandler(sp =>
                    new DrippingVideoHost(sp.GetRequiredService<TimeProvider>(), HostileChaosMedia.Video, drip));
            },
            configureOptions: options =>
            {
                options.Retry.MaxRetries = 3;
                options.Retry.BaseDelay = TimeSpan.FromSeconds(1);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
                options.VideoUpload.TemporaryDirectory = spool.Path;

                // The clock moves a second per real millisecond: bounds that are not under test get room, so that only a
                // host that really drips (it is cut by the minimum rate after a minute) ever meets one.
                options.VideoUpload.DownloadIdleTimeout = TimeSpan.FromMinutes(2);
                options.Preflight.ProbeTimeout = TimeSpan.FromMinutes(2);
            },
            storeToken: false);

        var (users, boards) = await h.ConnectAccountsAsync(Accounts, AccountId, StoreLiesAboutExpiry);
        await h.StoreTokenAsync(AccountId(ScopelessAccount), users[ScopelessAccount], PublishingHarness.ScopesWithoutBoardsWrite);

        using var media = new HostileChaosMedia(h.Emulator);
        var faults = HostileChaosFaults.Inject(h.Emulator, seed);
        var outcomes = new List<(ChaosPublish Publish, PinPublishOutcome Outcome)>();

        (ChaosPublish, PublishPinRequest) Next(int number, bool isScheduled)
        {
            var account = number % Accounts;
            var kind = HostileChaosMedia.KindOf(number, isScheduled);
            var (pinMedia, variant) = media.Create(kind, number, isScheduled);
            var title = $"Hostile {account:D2}-{number:D3}";
            // The title alone tells the publishes apart, on the emulator and in reconciliation.
            var request = new PublishPinRequest { AccountId = AccountId(account), BoardId = boards[account].Id, Title = title, Media = pinMedia };
            witness.Add("request", request.ToString());
            return (new ChaosPublish(number, title, account, kind, variant, null), request);
        }

        // The publish-only part: every exception is seen as the caller sees it.
        for (var i = 0; i < publishOnly; i++)
        {
            if (i == publishOnly / 5)
            {
                h.Emulator.RevokeTokens(users[RevokedAccount]);
            }

            if (i == publishOnly / 2)
            {
                ExpireAccessTokens(h);

                // The first refresh after the jump meets the app's client secret refused (a rotation not yet deployed
                // everywhere): that publish ends as the app's error, and the next refresh of its account succeeds.
                h.Emulator.InjectFault(TokenRoute, EmulatorFault.Status(HttpStatusCode.Unauthorized, 2, "Authentication failed."));
            }

            var (publish, request) = Next(i, isScheduled: false);
            PinPublishOutcome outcome;
            var publishing = h.Publisher.PublishAsync(request);
            try
            {
                outcome = PinPublishOutcomeMapper.FromResult(await h.DriveAsync(publishing, Step));
            }
            catch (Exception ex) when (publishing.IsCompleted)
            {
                // Not the driver's timeout: a publish that hangs fails the run.
                witness.AddException("publish exception", ex);
                outcome = PinPublishOutcomeMapper.FromException(ex, attempt: 1, h.Time.GetUtcNow(), scheduling);
            }

            witness.Add("outcome", outcome.ToString());
            outcomes.Add((publish, outcome));
        }

        // The scheduled part: the outcome reasons the dispatcher persists are what the host will show.
        var dispatcher = h.Services.GetServices<IHostedService>().OfType<PinScheduleDispatcher>().Single();
        await dispatcher.StartAsync(CancellationToken.None);
        var scheduledPublishes = new List<ChaosPublish>();
        for (var wave = 0; wave < 2; wave++)
        {
            if (wave == 1)
            {
                ExpireAccessTokens(h);
            }

            var from = publishOnly + (wave * scheduled / 2);
            var to = publishOnly + ((wave + 1) * scheduled / 2);
            for (var i = from; i < to; i++)
            {
                var (publish, request) = Next(i, isScheduled: true);
                var pin = schedule.Inner.Schedule(request, h.Time.GetUtcNow());
                scheduledPublishes.Add(publish with { ScheduledId = pin.Id });
            }

            await h.DriveAsync(UntilAsync(() => schedule.Inner.GetPending().Count == 0), Step, maxSteps: 30_000);
        }

        await dispatcher.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var publish in scheduledPublishes)
        {
            outcomes.Add((publish, schedule.Inner.GetOutcome(publish.ScheduledId!)!));
        }

        foreach (var (_, outcome) in schedule.Completions)
        {
            witness.Add("persisted outcome reason", outcome.Reason);
            witness.Add("persisted outcome", outcome.ToString());
        }

        var all = h.Emulator.Requests;
        var creates = all.Where(r => r.Method == "POST" && r.Path == "/v5/pins").ToArray();
        var secrets = ChaosSecrets.Collect(h.Emulator, tokenEvents, media.UrlSecrets);
        return new HostileChaosResult
        {
            Outcomes = outcomes,
            Completions = [.. schedule.Completions],
            StillScheduled = schedule.Inner.GetPending(),
            Pins = h.Emulator.Pins,
            CreateCalls = creates.Length,
            CreatesByTitle = creates
                .GroupBy(r => JsonDocument.Parse(r.BodyText).RootElement.GetProperty("title").GetString()!)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<EmulatedRequest>)g.ToArray()),
            Faults = faults,
            TokenRefreshCount = h.Emulator.TokenRefreshCount,
            Unauthorized = all.Count(r => r.StatusCode == 401),
            DripDownloads = drip.Downloads,
            DripBodiesClosed = drip.BodiesClosed,
            SecretCount = secrets.Count,
            Leaks = witness.FindLeaks(secrets),
            EchoesQuoted = witness.Texts.Count(t => t.Text.Contains("Echo of", StringComparison.Ordinal)),
            SpanCount = witness.SpanCount,
            MeasurementCount = witness.MeasurementCount,
            LeftoverFiles = Directory.GetFileSystemEntries(spool.Path, "*", SearchOption.AllDirectories),
        };
    }

    public static string AccountId(int account) => $"hostile-acct-{account:D2}";

    /// <summary>Every access token the emulator issued expires now; the refresh tokens still work.</summary>
    private static void ExpireAccessTokens(PublishingHarness h) =>
        h.Time.Advance(h.Emulator.Options.AccessTokenLifetime + TimeSpan.FromMinutes(1));

    /// <summary>Completes once <paramref name="condition"/> holds, checking every real millisecond (for at most two minutes).</summary>
    private static async Task<bool> UntilAsync(Func<bool> condition)
    {
        // A safety net only: the driver fails the run long before, and this loop must not outlive a failed run.
        using var safety = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            await Task.Delay(1, safety.Token);
        }

        return true;
    }
}
