using Pinterest.Publishing.Scheduling;
using Xunit.Abstractions;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>The invariants of the multi-instance proof, each over the whole run.</summary>
internal static class ProofAssertions
{
    /// <summary>
    /// Every scheduled Pin got exactly one final outcome the store kept, from one worker, and no worker claimed a Pin
    /// while another's claim of it was live.
    /// </summary>
    public static void ExactlyOneFinalOutcomePerPin(ProofEnvironment environment, ProofLog log)
    {
        var doubleClaims = log.ClaimsUnderALiveLease().ToArray();
        Assert.True(doubleClaims.Length == 0, $"Pins claimed twice at once:\n{string.Join('\n', doubleClaims.Take(20))}");
        var byId = log.FinalOutcomes.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.ToArray());
        Assert.All(environment.Scheduled.Keys, id =>
        {
            Assert.True(byId.TryGetValue(id, out var outcomes), $"{id} ({environment.Scheduled[id].Title}): no worker reported a final outcome; its events: {string.Join("; ", log.Events.GetValueOrDefault(id) ?? [])}.");
            Assert.True(outcomes.Length == 1, $"{id} ({environment.Scheduled[id].Title}): {outcomes.Length} final outcomes: {string.Join("; ", outcomes.Select(o => $"{o.Worker} {o.Kind} {o.PinId} at {o.At} (lease end {o.LeaseEnd})"))}");
        });
        Assert.Empty(byId.Keys.Except(environment.Scheduled.Keys));
    }

    /// <summary>The Pins the killed worker held were claimed again once their lease ran out, and ended elsewhere.</summary>
    public static void KilledClaimsFinishedElsewhere((string Name, IReadOnlyCollection<string> InFlight) killed, ProofLog log)
    {
        Assert.All(killed.InFlight, id =>
        {
            var final = Assert.Single(log.FinalOutcomes, o => o.Id == id);
            Assert.NotEqual(killed.Name, final.Worker);
            Assert.Contains(log.Events[id], e => e.IsClaim && e.Worker != killed.Name);
        });
    }

    /// <summary>
    /// At most one Pin per scheduled Pin on the emulator (each has its own title), none that was not scheduled, and
    /// every Published outcome names a Pin that exists with that title. An Unknown outcome may have a Pin (its create
    /// was answered ambiguously and reconciliation did not see it); any other outcome has none.
    /// </summary>
    public static void NoDuplicateAndEveryPublishedPinExists(ProofEnvironment environment, ProofLog log, IEnumerable<ProofWorkerProcess> workers)
    {
        var titles = environment.Scheduled.Values.Select(i => i.Title).ToHashSet(StringComparer.Ordinal);
        var pins = environment.Emulator.Pins;
        var duplicates = pins.GroupBy(p => p.Title).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToArray();
        Assert.True(duplicates.Length == 0, $"Duplicate Pins on the emulator: {string.Join(", ", duplicates)}\n{DescribeDuplicates(environment, log, workers)}");
        Assert.All(pins, p => Assert.Contains(p.Title!, titles));

        var byTitle = pins.ToDictionary(p => p.Title!, StringComparer.Ordinal);
        foreach (var (_, id, _, kind, pinId, _, _) in log.FinalOutcomes)
        {
            var title = environment.Scheduled[id].Title;
            var pin = byTitle.GetValueOrDefault(title);
            switch (kind)
            {
                case PinPublishOutcomeKind.Published:
                    Assert.True(pin is not null && pin.Id == pinId, $"{title} Published as {pinId}, but the emulator has {pin?.Id ?? "no Pin"}.");
                    break;
                case PinPublishOutcomeKind.Unknown:
                    break;
                default:
                    Assert.True(pin is null, $"{title} ended {kind} but its Pin {pin?.Id} exists.");
                    break;
            }
        }
    }

    // What the workers did with each duplicated Pin: its claims and outcomes, its Pins, and the workers' log lines on its board.
    private static string DescribeDuplicates(ProofEnvironment environment, ProofLog log, IEnumerable<ProofWorkerProcess> workers)
    {
        var lines = new List<string>();
        foreach (var group in environment.Emulator.Pins.GroupBy(p => p.Title).Where(g => g.Count() > 1))
        {
            var id = environment.Scheduled.First(s => s.Value.Title == group.Key).Key;
            lines.Add($"{group.Key} (scheduled {id}): Pins {string.Join(", ", group.Select(p => $"{p.Id} at {p.CreatedAt:HH:mm:ss.fff}"))}");
            lines.AddRange((log.Events.GetValueOrDefault(id) ?? []).Select(e => $"  {e}"));
            var board = group.First().BoardId!;
            lines.AddRange(workers.SelectMany(w => w.Lines.Where(l => l.Contains(board, StringComparison.Ordinal)).Select(l => $"  {w.Name}: {l}")).Take(40));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// Only the account whose user disconnected the app is asked to reconnect; the refresh races of three processes flag
    /// no one else. One loss is not the library's to prevent: the killed worker had a refresh of the account under way
    /// (started, never finished), so Pinterest may have spent the old refresh token and the new one died with the process.
    /// </summary>
    public static void ReauthorizeOnlyForTheRevokedAccount(ProofEnvironment environment, ProofLog log, ProofWorkerProcess killed, ITestOutputHelper output)
    {
        var refreshKilled = RefreshesCutByTheKill(killed);
        var reauthorized = log.FinalOutcomes
            .Where(o => o.Kind == PinPublishOutcomeKind.Reauthorize && environment.Scheduled[o.Id].Account != ProofPlan.RevokedAccount)
            .ToArray();
        var falseReauthorize = reauthorized
            .Where(o => !refreshKilled.Contains(environment.Accounts[environment.Scheduled[o.Id].Account].Id))
            .Select(o => $"{environment.Scheduled[o.Id].Title} (account {environment.Scheduled[o.Id].Account}, {o.Worker})")
            .ToArray();
        var refreshLines = killed.Lines.Count(l => l.Contains("the Pinterest token of account ", StringComparison.Ordinal));
        output.WriteLine($"{killed.Name} logged {refreshLines} refresh lines; refreshes cut by the kill: {string.Join(", ", refreshKilled)}; Reauthorize outcomes of those accounts: {reauthorized.Length - falseReauthorize.Length}.");
        Assert.True(falseReauthorize.Length == 0, $"Reauthorize for accounts never revoked: {string.Join(", ", falseReauthorize)}");
    }

    // The accounts whose refresh the killed worker logged as started ("Refreshing the Pinterest token of account X.")
    // and never as ended ("Refreshed the Pinterest token of account X;" or "… of account X failed").
    private static HashSet<string> RefreshesCutByTheKill(ProofWorkerProcess killed)
    {
        const string Started = "Refreshing the Pinterest token of account ";
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in killed.Lines)
        {
            if (line.IndexOf(Started, StringComparison.Ordinal) is var s and >= 0)
            {
                // A failure's line may go on with the exception (single-line console format).
                var rest = line[(s + Started.Length)..];
                if (rest.IndexOf(" failed; ", StringComparison.Ordinal) is var failed and >= 0)
                {
                    open.Remove(rest[..failed]);
                }
                else if (rest.EndsWith('.'))
                {
                    open.Add(rest[..^1]);
                }
            }
            else if (line.IndexOf("Refreshed the Pinterest token of account ", StringComparison.Ordinal) is var r and >= 0)
            {
                var rest = line[(r + "Refreshed the Pinterest token of account ".Length)..];
                open.Remove(rest[..Math.Max(0, rest.IndexOf(';', StringComparison.Ordinal))]);
            }
        }

        return open;
    }

    /// <summary>No account ever had more creates, or writes, in flight on the emulator than one process may run: the limit holds across processes.</summary>
    public static void PerAccountLimitHeldAcrossProcesses(ProofEnvironment environment)
    {
        var creates = environment.Emulator.MaxConcurrentPinCreatesPerAccount;
        var writes = environment.Emulator.MaxConcurrentWritesPerAccount;
        Assert.NotEmpty(creates);
        Assert.All(creates, pair => Assert.True(pair.Value <= ProofEnvironment.MaxConcurrentPublishesPerAccount, $"Account {pair.Key}: {pair.Value} creates in flight at once."));
        Assert.All(writes, pair => Assert.True(pair.Value <= ProofEnvironment.MaxConcurrentPublishesPerAccount, $"Account {pair.Key}: {pair.Value} writes in flight at once."));
    }
}
