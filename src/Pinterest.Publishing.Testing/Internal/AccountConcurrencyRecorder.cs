namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// Counts each account's API writes in flight, from the request's arrival to its answer, and keeps the highest count
/// seen, for Pin creates and for every write. Several processes publishing through one emulator can then be checked
/// against a per-account concurrency limit that no single process can observe. Thread-safe.
/// </summary>
internal sealed class AccountConcurrencyRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counts> _pinCreates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counts> _writes = new(StringComparer.Ordinal);

    /// <summary>Whether a request is an account's write: a method other than GET or HEAD under <c>/v5/</c>, the OAuth endpoints aside.</summary>
    public static bool IsWrite(string method, string[] segments) =>
        segments is ["v5", var resource, ..]
        && resource != "oauth"
        && method is not ("GET" or "HEAD");

    /// <summary>Whether a request creates a Pin (<c>POST /v5/pins</c>).</summary>
    public static bool IsPinCreate(string method, string[] segments) => method == "POST" && segments is ["v5", "pins"];

    /// <summary>Counts a write of <paramref name="accountId"/> as in flight until the returned scope is disposed.</summary>
    public InFlight Enter(string accountId, bool isPinCreate)
    {
        lock (_gate)
        {
            Increment(_writes, accountId);
            if (isPinCreate)
            {
                Increment(_pinCreates, accountId);
            }
        }

        return new InFlight(this, accountId, isPinCreate);
    }

    public IReadOnlyDictionary<string, int> MaxWrites => Snapshot(_writes);

    public IReadOnlyDictionary<string, int> MaxPinCreates => Snapshot(_pinCreates);

    private void Exit(string accountId, bool isPinCreate)
    {
        lock (_gate)
        {
            _writes[accountId].InFlight--;
            if (isPinCreate)
            {
                _pinCreates[accountId].InFlight--;
            }
        }
    }

    private static void Increment(Dictionary<string, Counts> counts, string accountId)
    {
        if (!counts.TryGetValue(accountId, out var entry))
        {
            counts[accountId] = entry = new Counts();
        }

        entry.InFlight++;
        entry.Max = Math.Max(entry.Max, entry.InFlight);
    }

    private Dictionary<string, int> Snapshot(Dictionary<string, Counts> counts)
    {
        lock (_gate)
        {
            return counts.ToDictionary(pair => pair.Key, pair => pair.Value.Max, StringComparer.Ordinal);
        }
    }

    private sealed class Counts
    {
        public int InFlight { get; set; }

        public int Max { get; set; }
    }

    /// <summary>One write in flight; disposing it ends the write.</summary>
    internal readonly struct InFlight(AccountConcurrencyRecorder? recorder, string accountId, bool isPinCreate) : IDisposable
    {
        public void Dispose() => recorder?.Exit(accountId, isPinCreate);
    }
}
