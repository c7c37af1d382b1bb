using System.Diagnostics;
using Pinterest.Publishing.Scheduling;
using Xunit.Abstractions;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>
/// Issue 14's proof with real processes: three worker processes (tests/Pinterest.Publishing.ProofWorker) over one
/// PostgreSQL database and one emulator served on loopback with seeded faults publish 300 scheduled Pins of 30 accounts;
/// one worker is killed with SIGKILL mid-run and a replacement started. What is deterministic for a seed: the Pins, their
/// accounts, shapes and due times, which accounts expire or are revoked, and every invariant asserted here. What is
/// not: which request draws which fault (the fault draws follow the order requests arrive in from three processes), so
/// the counts of each outcome kind vary from run to run; they are printed.
/// </summary>
public sealed class MultiInstanceProofTests(ITestOutputHelper output)
{
    private const int Seed = 14_06;
    private static readonly TimeSpan MaxRunTime = TimeSpan.FromMinutes(2.5);
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    // Red on main d1f7663 (2026-11-30): 2 duplicate Pins on the emulator after the SIGKILL (e.g. "Proof 255 ×2"); every
    // other invariant checked before it held. Un-skip once the duplicate is fixed; it must pass, not be weakened.
    [PostgresFact]
    public async Task Three_workers_and_a_killed_one_publish_every_pin_once()
    {
        var plan = ProofPlan.Create(Seed);
        Assert.Equal(plan, ProofPlan.Create(Seed), new PlanComparer());

        await using var environment = await ProofEnvironment.CreateAsync(plan);
        var faults = ProofFaults.Inject(environment.Emulator, Seed);
        var workers = new List<ProofWorkerProcess>();
        try
        {
            foreach (var name in new[] { "worker-1", "worker-2", "worker-3" })
            {
                workers.Add(ProofWorkerProcess.Start(name, environment.WorkerEnvironment));
            }

            await Task.WhenAll(workers.Select(w => w.WaitUntilReadyAsync(StartupTimeout)));
            var killed = await DriveAsync(environment, workers);
            foreach (var worker in workers)
            {
                await worker.StopAsync(TimeSpan.FromSeconds(20));
            }

            var log = ProofLog.Parse(workers);

            // Killed between the store's commit and its "outcome" line: the store's outcome is that completion's.
            var committedBeforeKill = await log.AdoptCommittedBeforeKillAsync(killed.Name, environment.GetOutcomeAsync);
            killed = (killed.Name, killed.InFlight.Except(committedBeforeKill).ToArray());
            output.WriteLine($"{killed.Name} committed {committedBeforeKill.Count} outcomes it was killed before reporting: {string.Join(", ", committedBeforeKill)}.");
            output.WriteLine($"Refresh log lines: {string.Join(", ", workers.Select(w => $"{w.Name}={w.Lines.Count(l => l.Contains("the Pinterest token of account ", StringComparison.Ordinal))}"))}");
            output.WriteLine($"Outcomes: {string.Join(", ", log.FinalKinds.GroupBy(k => k.Value).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))}");
            output.WriteLine($"Faults: {string.Join(", ", faults.Select(f => $"{f.Name}={f.Registration.AppliedCount}"))}; token refreshes: {environment.Emulator.TokenRefreshCount}");
            output.WriteLine($"Killed {killed.Name} holding {killed.InFlight.Count} claimed Pins; {log.StaleFinalOutcomes.Count} completions after another claim (ignored by the store).");

            await AssertEveryPinFinalAsync(environment, workers);
            ProofAssertions.ExactlyOneFinalOutcomePerPin(environment, log);
            ProofAssertions.KilledClaimsFinishedElsewhere(killed, log);
            ProofAssertions.NoDuplicateAndEveryPublishedPinExists(environment, log, workers);
            ProofAssertions.ReauthorizeOnlyForTheRevokedAccount(environment, log, workers.Single(w => w.Name == killed.Name), output);
            ProofAssertions.PerAccountLimitHeldAcrossProcesses(environment);
            Assert.All(faults, f => Assert.True(f.Registration.AppliedCount > 0, $"The fault '{f.Name}' never fired."));
            Assert.True(environment.Emulator.TokenRefreshCount >= 15, $"Only {environment.Emulator.TokenRefreshCount} token refreshes: the mid-run expiries were not met.");
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    /// <summary>Waits until every Pin is final; kills worker-2 mid-run while it holds claims, and starts worker-4.</summary>
    private async Task<(string Name, IReadOnlyCollection<string> InFlight)> DriveAsync(ProofEnvironment environment, List<ProofWorkerProcess> workers)
    {
        var stopwatch = Stopwatch.StartNew();
        (string Name, IReadOnlyCollection<string> InFlight)? killed = null;
        while (stopwatch.Elapsed < MaxRunTime)
        {
            var log = ProofLog.Parse(workers);
            if (killed is null && log.FinalKinds.Count >= ProofPlan.PinCount / 3 && log.InFlight(workers[1].Name) is { Count: > 0 })
            {
                await workers[1].KillAsync();
                var inFlight = ProofLog.Parse(workers).InFlight(workers[1].Name);
                killed = (workers[1].Name, inFlight);
                output.WriteLine($"{stopwatch.Elapsed}: killed {workers[1].Name} with {inFlight.Count} claims in flight, after {log.FinalKinds.Count} final outcomes.");

                // The user disconnects the app from one account at the same moment.
                environment.Emulator.RevokeTokens(environment.Accounts[ProofPlan.RevokedAccount]);
                var replacement = ProofWorkerProcess.Start("worker-4", environment.WorkerEnvironment);
                workers.Add(replacement);
                await replacement.WaitUntilReadyAsync(StartupTimeout);
            }

            var unreported = killed is { } k ? log.UnreportedCompletions(k.Name).Select(c => c.Id).Distinct().Count() : 0;
            if (log.FinalKinds.Count + unreported >= ProofPlan.PinCount)
            {
                output.WriteLine($"{stopwatch.Elapsed}: every Pin final.");
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.True(killed is not null, "No worker was killed: worker-2 never held a claim after a third of the Pins ended.");
        return killed.Value;
    }

    private async Task AssertEveryPinFinalAsync(ProofEnvironment environment, List<ProofWorkerProcess> workers)
    {
        var stuck = new List<string>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (id, item) in environment.Scheduled)
        {
            var outcome = await environment.GetOutcomeAsync(id);
            var reason = $"{outcome?.Kind}: {outcome?.Reason}";
            reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            if (outcome is not { IsFinal: true })
            {
                stuck.Add($"{id} {item.Title} account {item.Account} {item.Shape}: {outcome?.Kind.ToString() ?? "never tried"} {outcome?.Reason}");
            }
        }

        output.WriteLine("Reasons: " + string.Join("\n  ", reasons.OrderByDescending(r => r.Value).Take(12).Select(r => $"{r.Value} × {r.Key}")));
        if (stuck.Count > 0)
        {
            foreach (var worker in workers)
            {
                output.WriteLine($"--- {worker.Name} (last lines)\n{worker.Tail(30)}");
            }
        }

        Assert.True(stuck.Count == 0, $"{stuck.Count} Pins not final after {MaxRunTime}:\n{string.Join('\n', stuck.Take(50))}");
    }

    private sealed class PlanComparer : IEqualityComparer<ProofPlan>
    {
        public bool Equals(ProofPlan? x, ProofPlan? y) => x is not null && y is not null && x.Items.SequenceEqual(y.Items);

        public int GetHashCode(ProofPlan obj) => obj.Items.Count;
    }
}
