using Microsoft.EntityFrameworkCore;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// Creates a new host <see cref="DbContext"/> per operation (never one shared across threads) and knows, after the
/// first check, which provider it uses. The check refuses a provider other than PostgreSQL or SQLite and a model
/// without the library's tables; the start-up check runs it before anything else starts.
/// </summary>
internal sealed class PinterestDbContexts(Func<CancellationToken, Task<DbContext>> create) : IDisposable
{
    private readonly SemaphoreSlim _checkGate = new(1, 1);
    private volatile CheckedContext? _checked;

    public async Task<DbContext> CreateAsync(CancellationToken cancellationToken)
    {
        if (_checked is null)
        {
            await CheckAsync(cancellationToken).ConfigureAwait(false);
        }

        return await create(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreProvider> GetProviderAsync(CancellationToken cancellationToken) =>
        (_checked ?? await CheckAsync(cancellationToken).ConfigureAwait(false)).Provider;

    public async Task<SqliteProcessGate?> GetSqliteGateAsync(CancellationToken cancellationToken) =>
        (_checked ?? await CheckAsync(cancellationToken).ConfigureAwait(false)).SqliteGate;

    /// <summary>The tables' names for hand-written SQL, schema-qualified and quoted as the host's model says.</summary>
    public async Task<StoreTables> GetTablesAsync(CancellationToken cancellationToken) =>
        (_checked ?? await CheckAsync(cancellationToken).ConfigureAwait(false)).Tables;

    public async Task<CheckedContext> CheckAsync(CancellationToken cancellationToken)
    {
        if (_checked is { } done)
        {
            return done;
        }

        await _checkGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_checked is { } raced)
            {
                return raced;
            }

            var context = await create(cancellationToken).ConfigureAwait(false);
            await using (context.ConfigureAwait(false))
            {
                var provider = StoreProviders.From(context.Database.ProviderName);
                if (context.Model.FindEntityType(typeof(TokenRow)) is null)
                {
                    throw new InvalidOperationException(
                        $"The context {context.GetType().Name} has no Pinterest.Publishing tables: call modelBuilder.ApplyPinterestPublishing() in its OnModelCreating.");
                }

                var gate = provider == StoreProvider.Sqlite
                    ? SqliteProcessGate.For(context.Database.GetConnectionString() ?? context.GetType().FullName!)
                    : null;
                return _checked = new CheckedContext(provider, gate, StoreTables.From(context));
            }
        }
        finally
        {
            _checkGate.Release();
        }
    }

    public void Dispose() => _checkGate.Dispose();

    internal sealed record CheckedContext(StoreProvider Provider, SqliteProcessGate? SqliteGate, StoreTables Tables);
}
