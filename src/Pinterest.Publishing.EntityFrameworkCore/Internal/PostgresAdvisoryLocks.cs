using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The refresh lock and publish slots across instances, as PostgreSQL session advisory locks. Each held lock keeps its
/// own open connection (a context of its own, used by the holder only) until it is disposed: the lock is released with
/// <c>pg_advisory_unlock</c>, and if the process dies the server drops the session and the lock with it.
/// </summary>
/// <remarks>
/// Slots: the account's <c>maxConcurrency</c> slot keys are tried with <c>pg_try_advisory_lock</c>; when all are held
/// the caller waits <see cref="SlotPollInterval"/> (on the <see cref="TimeProvider"/>) and tries again. A slot needs no
/// table and no lease: a dead instance's slot frees itself when its session ends.
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
            return new HeldLock(session, key);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IAsyncDisposable> AcquirePublishSlotAsync(string accountId, int maxConcurrency, CancellationToken cancellationToken)
    {
        var session = await Session.OpenAsync(contexts, cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                for (var slot = 0; slot < maxConcurrency; slot++)
                {
                    var key = AdvisoryLockKey.PublishSlot(accountId, slot);
                    if (await session.ScalarAsync("SELECT pg_try_advisory_lock(@key)", key, cancellationToken).ConfigureAwait(false) is true)
                    {
                        return new HeldLock(session, key);
                    }
                }

                await Task.Delay(SlotPollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
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

        public async Task<object?> ScalarAsync(string sql, long key, CancellationToken cancellationToken)
        {
            DbCommand command = context.Database.GetDbConnection().CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = sql;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "key";
                parameter.Value = key;
                command.Parameters.Add(parameter);
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
            await context.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class HeldLock(Session session, long key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                // Unlock explicitly: a pooled connection would otherwise carry the session lock to its next user.
                await session.ScalarAsync("SELECT pg_advisory_unlock(@key)", key, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
