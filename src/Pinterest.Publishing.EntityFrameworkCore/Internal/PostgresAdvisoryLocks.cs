using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The refresh lock and publish slots across instances, as PostgreSQL session advisory locks. Each held lock keeps its
/// own open connection (a context of its own, used by the holder only) until it is disposed; if the process dies the
/// server drops the session and the lock with it.
/// </summary>
/// <remarks>
/// <para>
/// The connection goes back to the host's pool afterwards, so no lock may ride along to its next user: every session
/// ends with <c>pg_advisory_unlock_all()</c>, whatever happened before (a cancelled or failed acquisition, whose lock
/// the server may have granted all the same, or a release), and a session whose clean-up fails ends its own backend so
/// that the pool drops the connection instead of reusing it.
/// </para>
/// <para>
/// Slots: the account's <c>maxConcurrency</c> slot keys are tried with <c>pg_try_advisory_lock</c> on a connection opened
/// for the try only; when all are held the caller gives the connection back and waits <see cref="SlotPollInterval"/> (on
/// the <see cref="TimeProvider"/>) before trying again, so waiters, however many, hold no connection of the pool. A slot
/// needs no table and no lease: a dead instance's slot frees itself when its session ends.
/// </para>
/// </remarks>
internal sealed class PostgresAdvisoryLocks(PinterestDbContexts contexts, TimeProvider time)
{
    public static readonly TimeSpan SlotPollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<IAsyncDisposable> AcquireRefreshLockAsync(string accountId, CancellationToken cancellationToken)
    {
        var key = AdvisoryLockKey.Refresh(accountId);
        var session = await Session.OpenAsync(contexts, cancellationToken).ConfigureAwait(false);
        try
        {
            // Waits in the server; cancelling the token cancels the statement.
            await session.ScalarAsync("SELECT pg_advisory_lock(@key)::text", key, cancellationToken).ConfigureAwait(false);
            return new HeldLock(session);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await TryAcquirePublishSlotAsync(accountId, maxConcurrency, cancellationToken).ConfigureAwait(false) is { } held)
            {
                return held;
            }

            await Task.Delay(SlotPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IAsyncDisposable?> TryAcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken)
    {
        var session = await Session.OpenAsync(contexts, cancellationToken).ConfigureAwait(false);
        try
        {
            for (var slot = 0; slot < maxConcurrency; slot++)
            {
                var key = AdvisoryLockKey.PublishSlot(accountId, slot);
                if (await session.ScalarAsync("SELECT pg_try_advisory_lock(@key)", key, cancellationToken).ConfigureAwait(false) is true)
                {
                    var held = new HeldLock(session);
                    session = null;
                    return held;
                }
            }

            return null;
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class Session(DbContext context) : IAsyncDisposable
    {
        public static async Task<Session> OpenAsync(PinterestDbContexts contexts, CancellationToken cancellationToken)
        {
            var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return new Session(context);
            }
            catch
            {
                await context.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public async Task<object?> ScalarAsync(string sql, long? key, CancellationToken cancellationToken)
        {
            DbCommand command = context.Database.GetDbConnection().CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                if (key is { } value)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "key";
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }

                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                // Every lock of the session, not only the one asked for: an acquisition cancelled or failed after the
                // server granted it leaves a lock the caller never saw.
                await ScalarAsync("SELECT pg_advisory_unlock_all()", key: null, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DbException or InvalidOperationException)
            {
                // In doubt whether a lock is left: end this backend, so the pool discards the connection (a broken one
                // is never handed out again) rather than give a lock to its next user.
                try
                {
                    await ScalarAsync("SELECT pg_terminate_backend(pg_backend_pid())", key: null, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception terminated) when (terminated is DbException or InvalidOperationException)
                {
                    // Expected: the server ends the session under the statement.
                }
            }
            finally
            {
                await context.Database.CloseConnectionAsync().ConfigureAwait(false);
                await context.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class HeldLock(Session session) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
