using System.Globalization;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>
/// The claims and outcomes the workers reported (<c>{worker} claimed {id} {attempt} {at} {lease end}</c>, <c>{worker}
/// outcome {id} {kind} {pin id} {at} {lease end}</c>, written once the store returned, times in UTC ticks of the
/// machine's clock), in each worker's order.
/// </summary>
internal sealed class ProofLog
{
    private readonly Dictionary<string, HashSet<string>> _inFlight = new(StringComparer.Ordinal);
    private readonly List<Event> _completing = [];

    /// <summary>Every claim and outcome, by scheduled Pin id.</summary>
    public Dictionary<string, List<Event>> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>The final outcomes the store kept: those reported before any later claim of the Pin (by any worker).</summary>
    public List<Event> FinalOutcomes { get; } = [];

    /// <summary>Final outcomes reported after the Pin was claimed again once their lease ended (the store ignores those).</summary>
    public List<Event> StaleFinalOutcomes { get; } = [];

    /// <summary>Scheduled Pin id → the kind of its kept final outcome.</summary>
    public Dictionary<string, PinPublishOutcomeKind> FinalKinds { get; } = new(StringComparer.Ordinal);

    public sealed record Event(string Worker, string Id, bool IsClaim, PinPublishOutcomeKind? Kind, string? PinId, long At, long LeaseEnd);

    public static ProofLog Parse(IEnumerable<ProofWorkerProcess> workers)
    {
        var log = new ProofLog();
        foreach (var worker in workers)
        {
            var inFlight = new HashSet<string>(StringComparer.Ordinal);
            log._inFlight[worker.Name] = inFlight;
            foreach (var line in worker.Lines)
            {
                if (ReadCompleting(worker.Name, line) is { } completing)
                {
                    log._completing.Add(completing);
                    continue;
                }

                if (Read(worker.Name, line) is not { } e)
                {
                    continue;
                }

                if (e.IsClaim)
                {
                    inFlight.Add(e.Id);
                }
                else
                {
                    inFlight.Remove(e.Id);
                }

                if (!log.Events.TryGetValue(e.Id, out var events))
                {
                    log.Events[e.Id] = events = [];
                }

                events.Add(e);
            }
        }

        foreach (var (id, events) in log.Events)
        {
            foreach (var final in events.Where(e => e.Kind is { } kind && kind != PinPublishOutcomeKind.RetryAt))
            {
                // A claim after this one's lease ended and before this outcome: the store kept the later claim's outcome.
                var claimedAgainFirst = events.Any(e => e.IsClaim && e.At > final.LeaseEnd && e.At < final.At);
                (claimedAgainFirst ? log.StaleFinalOutcomes : log.FinalOutcomes).Add(final);
                if (!claimedAgainFirst)
                {
                    log.FinalKinds[id] = final.Kind!.Value;
                }
            }
        }

        return log;
    }

    /// <summary>The Pins <paramref name="worker"/> claimed and has not reported an outcome for.</summary>
    /// <summary>
    /// Completions <paramref name="worker"/> sent to the store and never reported returning from (it was killed in
    /// between), of Pins no worker reported final: whether the store kept one, only the store can say.
    /// </summary>
    public IReadOnlyList<Event> UnreportedCompletions(string worker) => _completing
        .Where(c => c.Worker == worker && c.Kind != PinPublishOutcomeKind.RetryAt && !FinalKinds.ContainsKey(c.Id)
            && !(Events.TryGetValue(c.Id, out var events) && events.Any(e => e.Worker == worker && !e.IsClaim && e.At >= c.At)))
        .ToArray();

    /// <summary>
    /// Takes, for each of <paramref name="worker"/>'s <see cref="UnreportedCompletions"/>, the outcome the store kept
    /// when it is that completion's (same kind, same Pin): the worker committed it and was killed before its line.
    /// </summary>
    /// <returns>The ids of the Pins whose final outcome is such a completion.</returns>
    public async Task<IReadOnlyCollection<string>> AdoptCommittedBeforeKillAsync(string worker, Func<string, Task<PinPublishOutcome?>> storedOutcome)
    {
        var adopted = new List<string>();
        foreach (var completion in UnreportedCompletions(worker))
        {
            var stored = await storedOutcome(completion.Id);
            var storedPinId = stored is PinPublishOutcome.Published published ? published.PinId : null;
            if (stored is { IsFinal: true } && stored.Kind == completion.Kind && storedPinId == completion.PinId && !FinalKinds.ContainsKey(completion.Id))
            {
                FinalOutcomes.Add(completion);
                FinalKinds[completion.Id] = stored.Kind;
                adopted.Add(completion.Id);
            }
        }

        return adopted;
    }

    public IReadOnlyCollection<string> InFlight(string worker) => _inFlight.TryGetValue(worker, out var ids) ? ids.ToArray() : [];

    /// <summary>Claims of a Pin by a worker while another worker's claim of it was live (its lease not over, no outcome reported).</summary>
    public IEnumerable<string> ClaimsUnderALiveLease()
    {
        foreach (var (id, events) in Events)
        {
            var claims = events.Where(e => e.IsClaim).OrderBy(e => e.At).ToList();
            for (var i = 1; i < claims.Count; i++)
            {
                var (earlier, later) = (claims[i - 1], claims[i]);
                // Released by a completion: the store commits it between the worker's "completing" and "outcome" lines,
                // so another worker may claim the Pin before the "outcome" line (or a killed worker never writes it).
                var released = events.Any(e => !e.IsClaim && e.Worker == earlier.Worker && e.At >= earlier.At && e.At <= later.At)
                    || _completing.Any(c => c.Id == id && c.Worker == earlier.Worker && c.At >= earlier.At && c.At <= later.At);
                if (earlier.Worker != later.Worker && later.At < earlier.LeaseEnd && !released)
                {
                    yield return $"{id}: {later.Worker} claimed it at {Time(later.At)} under {earlier.Worker}'s lease until {Time(earlier.LeaseEnd)}";
                }
            }
        }
    }

    private static Event? ReadCompleting(string worker, string line)
    {
        const string Prefix = " completing ";
        return line.StartsWith(worker + Prefix, StringComparison.Ordinal)
            ? Read(worker, worker + " outcome " + line[(worker.Length + Prefix.Length)..])
            : null;
    }

    private static Event? Read(string worker, string line)
    {
        var parts = line.Split(' ');
        if (parts.Length < 6 || parts[0] != worker)
        {
            return null;
        }

        static long Ticks(string text) => long.Parse(text, CultureInfo.InvariantCulture);
        return parts[1] switch
        {
            "claimed" => new Event(worker, parts[2], true, null, null, Ticks(parts[4]), Ticks(parts[5])),
            "outcome" when parts.Length >= 7 => new Event(worker, parts[2], false, Enum.Parse<PinPublishOutcomeKind>(parts[3]), parts[4] == "-" ? null : parts[4], Ticks(parts[5]), Ticks(parts[6])),
            _ => null,
        };
    }

    private static string Time(long ticks) => new DateTimeOffset(ticks, TimeSpan.Zero).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
