using System.Collections.Concurrent;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// What keeps one SQLite database consistent inside this process: one writer at a time (claims and completions run
/// under it in a transaction) and the account locks of the in-process coordinator. Shared by every store over the same
/// connection string in the process, so two hosts in one process over one file still agree. SQLite is for one process:
/// nothing here coordinates another process.
/// </summary>
internal sealed class SqliteProcessGate
{
    private static readonly ConcurrentDictionary<string, SqliteProcessGate> Gates = new(StringComparer.Ordinal);

    public SemaphoreSlim Writer { get; } = new(1, 1);

    public InProcessAccountLocks Locks { get; } = new();

    public static SqliteProcessGate For(string connectionString) => Gates.GetOrAdd(connectionString, static _ => new SqliteProcessGate());
}
