using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Scheduling;
using Xunit.Abstractions;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>
/// 500 publishes over 20 accounts with hostile media (the crash-class and the 2 GiB-claim MP4s), a host that drips a
/// video, and error answers that echo the request's secrets mixed into about a fifth of the faults: every publish ends
/// in exactly one outcome, no Pin is created twice, no secret reaches a log, exception, outcome reason, span or metric,
/// and no temporary file is left. Everything runs on one fake clock.
/// </summary>
public sealed class HostileChaosTests(ITestOutputHelper output)
{
    private const int PublishOnly = 250;
    private const int Scheduled = 250;

    // The chaos run reads the crash-class file in this process: a child process shows first that it no longer can
    // crash one, so a regression fails this test instead of taking the test host down.
    private static readonly Lazy<Task> NestedIfdIsSafe = new(async () =>
    {
        using var directory = new TempDirectory();
        var result = await HostileInputRunner.RunAsync(directory.WriteFile("nested-ifds.mp4", HostileMp4.NestedCanonTiff(depth: 20_000)));
        Assert.True(result.ExitCode == 0 && !result.TimedOut, result.ToString());
    });

    [Fact]
    public async Task Five_hundred_hostile_publishes_end_in_one_outcome_each_with_no_duplicate_no_leaked_secret_and_no_temporary_file()
    {
        await NestedIfdIsSafe.Value;

        var run = await HostileChaosRun.RunAsync(seed: 20261124, PublishOnly, Scheduled);

        var byKind = run.Outcomes.GroupBy(o => o.Outcome.Kind).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"Outcomes: {string.Join(", ", byKind.Select(p => $"{p.Key}={p.Value}"))}; create calls: {run.CreateCalls}; refreshes: {run.TokenRefreshCount}; 401s: {run.Unauthorized}; drips: {run.DripDownloads}; secrets: {run.SecretCount}; echoes quoted: {run.EchoesQuoted}; spans: {run.SpanCount}; measurements: {run.MeasurementCount}");
        output.WriteLine($"Faults: {string.Join(", ", run.Faults.Select(f => $"{f.Name}={f.Registration.AppliedCount}"))}");

        // Exactly one outcome per publish; every scheduled Pin ended, each claim completed once and only the last finally.
        Assert.Equal(PublishOnly + Scheduled, run.Outcomes.Count);
        Assert.Equal(run.Outcomes.Count, run.Outcomes.Select(o => o.Publish.Title).Distinct().Count());
        Assert.Empty(run.StillScheduled);
        Assert.All(run.Outcomes.Where(o => o.Publish.ScheduledId is not null), o => Assert.True(o.Outcome.IsFinal, $"{o.Publish.Title}: {o.Outcome}"));
        Assert.Equal(Scheduled, run.Completions.Select(c => c.Pin.Id).Distinct().Count());
        foreach (var claims in run.Completions.GroupBy(c => c.Pin.Id))
        {
            // Each claim counts one more attempt, except after a wait for a rate limit, whose claim was given back.
            var counted = claims.Select(c => c.Outcome is PinPublishOutcome.RetryAt { CountsAsAttempt: false } ? 0 : 1).ToArray();
            Assert.Equal(claims.Select((_, i) => 1 + counted.Take(i).Sum()), claims.Select(c => c.Pin.Attempt));
            Assert.All(claims.SkipLast(1), c => Assert.IsType<PinPublishOutcome.RetryAt>(c.Outcome));
            Assert.True(claims.Last().Outcome.IsFinal);
        }

        foreach (var kind in Enum.GetValues<PinPublishOutcomeKind>())
        {
            Assert.True(byKind.GetValueOrDefault(kind) > 0, $"No publish ended as {kind}.");
        }

        // About a fifth of the creates failed, and every fault fired.
        var createFaults = run.Faults.Where(f => f.Route == HostileChaosFaults.Create).Sum(f => f.Registration.AppliedCount);
        Assert.InRange((double)createFaults / run.CreateCalls, 0.12, 0.30);
        Assert.All(run.Faults, f => Assert.True(f.Registration.AppliedCount > 0, $"The fault '{f.Name}' never fired."));

        AssertNoDuplicateAndOutcomesAgreeWithTheEmulator(run);
        AssertHostileMediaOutcomes(run);

        // Two clock jumps expired every access token: each live account refreshed twice, some after a 401.
        Assert.True(run.TokenRefreshCount >= 2 * (HostileChaosRun.Accounts - 1), $"Only {run.TokenRefreshCount} refreshes.");
        Assert.True(run.Unauthorized > 0, "No 401 was answered: the stale stored tokens were never used.");
        Assert.All(run.Outcomes.Where(o => o.Outcome is PinPublishOutcome.Reauthorize), o => Assert.Equal(HostileChaosRun.RevokedAccount, o.Publish.Account));
        Assert.All(run.Outcomes.Where(o => o.Outcome is PinPublishOutcome.MissingScope), o => Assert.Equal(HostileChaosRun.ScopelessAccount, o.Publish.Account));
        Assert.Single(run.Outcomes, o => o.Outcome is PinPublishOutcome.AppCredentialsRejected);

        // The echoes reached the library's messages (scrubbed), and no secret reached anything it says.
        Assert.True(run.EchoesQuoted > 0, "No captured text quotes an echoed answer: the secret search proves little.");
        Assert.True(run.SpanCount > 0 && run.MeasurementCount > 0, "No span or measurement was captured.");
        Assert.True(run.Leaks.Count == 0, $"{run.Leaks.Count} texts leak a secret, e.g.:\n{string.Join("\n", run.Leaks.Take(5))}");

        Assert.Empty(run.LeftoverFiles);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_outcomes()
    {
        // The publish-only part: one publish at a time, so each seeded draw meets the same request.
        await NestedIfdIsSafe.Value;

        var first = await HostileChaosRun.RunAsync(seed: 7, publishOnly: 125, scheduled: 0);
        var second = await HostileChaosRun.RunAsync(seed: 7, publishOnly: 125, scheduled: 0);

        Assert.Equal(
            first.Outcomes.Select(o => $"{o.Publish.Title}:{o.Outcome.Kind}"),
            second.Outcomes.Select(o => $"{o.Publish.Title}:{o.Outcome.Kind}"));
        Assert.Equal(first.Pins.Select(p => p.Title), second.Pins.Select(p => p.Title));

        // How often the status of a processing video is polled follows the fake clock, not the seed.
        static IEnumerable<int> Applied(HostileChaosResult run) =>
            run.Faults.Where(f => f.Route != HostileChaosFaults.MediaStatus).Select(f => f.Registration.AppliedCount);
        Assert.Equal(Applied(first), Applied(second));
    }

    private static void AssertNoDuplicateAndOutcomesAgreeWithTheEmulator(HostileChaosResult run)
    {
        // At most one Pin per title (each publish has its own), and only the run's Pins.
        var pinsByTitle = run.Pins.GroupBy(p => p.Title!).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.All(pinsByTitle, pair => Assert.True(pair.Value.Length == 1, $"{pair.Key} was created {pair.Value.Length} times."));
        Assert.All(run.Pins, p => Assert.StartsWith("Hostile ", p.Title, StringComparison.Ordinal));

        foreach (var (publish, outcome) in run.Outcomes)
        {
            var pin = pinsByTitle.GetValueOrDefault(publish.Title)?.Single();
            var creates = run.CreatesByTitle.GetValueOrDefault(publish.Title) ?? [];
            switch (outcome)
            {
                case PinPublishOutcome.Published published:
                    Assert.True(pin?.Id == published.PinId, $"{publish.Title} was published as {published.PinId}, but the emulator has {pin?.Id ?? "no Pin"}.");
                    break;
                case PinPublishOutcome.Unknown unknown:
                    // Only after a create that got no clean answer (reset, timeout or 5xx); a Pin, if any, is that attempt's.
                    Assert.Contains(creates, r => r.StatusCode is null or >= 500);
                    Assert.True(pin is null || pin.CreatedAt >= unknown.AttemptStartedAt, $"{publish.Title}: a Pin older than the attempt.");
                    break;
                default:
                    // Rejected, retry-at, reauthorize and missing scope all mean Pinterest surely did not store the Pin.
                    Assert.True(pin is null, $"{publish.Title} ended as {outcome.Kind} but its Pin exists.");
                    break;
            }
        }
    }

    private static void AssertHostileMediaOutcomes(HostileChaosResult run)
    {
        var outcomes = run.Outcomes.ToLookup(o => o.Publish.Media);

        // The 2 GiB claim is read for what it is (a 2 s movie) by file, stream and URL, and rejected before any upload.
        Assert.NotEmpty(outcomes[ChaosMedia.OversizedKeysVideo]);
        Assert.All(outcomes[ChaosMedia.OversizedKeysVideo], o =>
            Assert.Contains(PreflightCodes.VideoDurationRange, Assert.IsType<PinPublishOutcome.Rejected>(o.Outcome).Codes));

        // The crash-class file is a valid movie once read safely: preflight never rejects it, and the process survived.
        Assert.Equal(["file", "spooled stream", "stream", "url"], outcomes[ChaosMedia.NestedIfdVideo].Select(o => o.Publish.Variant).Distinct().Order());
        Assert.All(outcomes[ChaosMedia.NestedIfdVideo], o =>
            Assert.False(o.Outcome is PinPublishOutcome.Rejected r && r.Codes.Any(c => c.StartsWith("pinterest.video", StringComparison.Ordinal)), $"{o.Publish.Title}: {o.Outcome}"));
        Assert.Contains(outcomes[ChaosMedia.NestedIfdVideo], o => o.Outcome is PinPublishOutcome.Published);

        // The dripping host is cut off every time, and the publish is retried later instead of hanging: a scheduled one
        // until it runs out of attempts.
        var drips = outcomes[ChaosMedia.DrippingVideo].ToArray();
        Assert.NotEmpty(drips);
        Assert.All(drips.Where(d => d.Publish.ScheduledId is null), d => Assert.IsType<PinPublishOutcome.RetryAt>(d.Outcome));
        Assert.All(drips.Where(d => d.Publish.ScheduledId is not null), d =>
            Assert.Equal(["upload"], Assert.IsType<PinPublishOutcome.Rejected>(d.Outcome).Codes));
        var scheduledDrips = drips.Count(d => d.Publish.ScheduledId is not null);
        Assert.Equal(drips.Length - scheduledDrips + (3 * scheduledDrips), run.DripDownloads);
        Assert.Equal(run.DripDownloads, run.DripBodiesClosed);
    }
}
