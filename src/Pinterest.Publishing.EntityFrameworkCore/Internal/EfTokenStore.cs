using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The token store and account catalog over <c>pinterest_tokens</c>. Tokens are plain columns here; keeping them
/// protected at rest is a decorator's job (issue 15), not this store's.
/// </summary>
/// <remarks>
/// The write rule: a stored token is replaced only by one whose access token expires no earlier
/// (<see cref="PinterestToken.ExpiresAt"/> is the token's issue time plus Pinterest's fixed lifetime, so a later expiry
/// means a later issue). A rotated token that arrives after a newer one was stored (a slow instance) is dropped rather
/// than written over it, except one that only rotated the refresh token (its access token already expired, its refresh
/// token valid): the refresh token it replaced is spent, so it is always stored. Each write is a compare-and-set on the
/// row's version, retried (a bounded number of times) when another write got in between, so no concurrent write is
/// lost either; any other failure propagates.
/// </remarks>
internal sealed class EfTokenStore(PinterestDbContexts contexts, TimeProvider time) : IPinterestTokenStore, IPinterestAccountCatalog, IPinterestTokenStoreRemoval
{
    // Each write races only the other instances' writes of the same account, which are rare (one refresh per account at
    // a time): a few lost races in a row mean something else is wrong, and looping on it would hang the caller.
    private const int MaxAttempts = 16;

    // SQLite's extended result codes SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE.
    private const int SqlitePrimaryKeyViolation = 1555;
    private const int SqliteUniqueViolation = 2067;

    public async Task<bool> RemoveTokenAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var removed = await context.Set<TokenRow>().Where(r => r.AccountId == accountId)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return removed > 0;
        }
    }

    public async Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var row = await context.Set<TokenRow>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.AccountId == accountId, cancellationToken).ConfigureAwait(false);
            return row is null ? null : new PinterestToken
            {
                AccessToken = row.AccessToken,
                ExpiresAt = UtcTicks.To(row.ExpiresAt),
                RefreshToken = row.RefreshToken,
                RefreshTokenExpiresAt = UtcTicks.To(row.RefreshTokenExpiresAt),
                Scope = row.Scope,
            };
        }
    }

    public async Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(token);
        var expiresAt = UtcTicks.From(token.ExpiresAt);
        var refreshExpiresAt = UtcTicks.From(token.RefreshTokenExpiresAt);
        var keepsRotatedRefreshToken = KeepsRotatedRefreshToken(token);
        for (var attempt = 1; ; attempt++)
        {
            var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
            await using (context.ConfigureAwait(false))
            {
                var tokens = context.Set<TokenRow>();
                var current = await tokens.AsNoTracking().Where(r => r.AccountId == accountId)
                    .Select(r => new { r.ExpiresAt, r.Version }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    tokens.Add(new TokenRow
                    {
                        AccountId = accountId,
                        AccessToken = token.AccessToken,
                        ExpiresAt = expiresAt,
                        RefreshToken = token.RefreshToken,
                        RefreshTokenExpiresAt = refreshExpiresAt,
                        Scope = token.Scope,
                        Version = 1,
                    });
                    try
                    {
                        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    catch (DbUpdateException exception) when (IsDuplicateKey(exception) && attempt < MaxAttempts)
                    {
                        // Another instance stored the account's first token in between: compare with it. Any other
                        // failure (a constraint, a lost connection) is no race and propagates.
                        continue;
                    }
                }

                if (expiresAt < current.ExpiresAt && !keepsRotatedRefreshToken)
                {
                    // A newer token is stored already (another instance rotated later): never overwrite it.
                    return;
                }

                var version = current.Version;
                var changed = await tokens.Where(r => r.AccountId == accountId && r.Version == version)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.AccessToken, token.AccessToken)
                        .SetProperty(r => r.ExpiresAt, expiresAt)
                        .SetProperty(r => r.RefreshToken, token.RefreshToken)
                        .SetProperty(r => r.RefreshTokenExpiresAt, refreshExpiresAt)
                        .SetProperty(r => r.Scope, token.Scope)
                        .SetProperty(r => r.Version, version + 1), cancellationToken).ConfigureAwait(false);
                if (changed == 1)
                {
                    return;
                }

                if (attempt >= MaxAttempts)
                {
                    throw new DbUpdateConcurrencyException(
                        $"The token of account '{accountId}' changed under each of {MaxAttempts} writes in a row (other instances kept storing it); "
                        + "nothing was stored. Store it again.");
                }
            }
        }
    }

    public async IAsyncEnumerable<string> GetAccountsExpiringBeforeAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var limit = UtcTicks.From(before);
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var accounts = context.Set<TokenRow>().AsNoTracking()
                .Where(r => r.RefreshTokenExpiresAt < limit || (r.RefreshTokenExpiresAt == null && r.ExpiresAt < limit))
                .OrderBy(r => r.AccountId)
                .Select(r => r.AccountId)
                .AsAsyncEnumerable();
            await foreach (var account in accounts.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return account;
            }
        }
    }

    // An answer that rotated the refresh token without an access token (PinterestTokenRefresher stores it with the access
    // token expiring now): the refresh token it replaced is spent, so dropping this one would lose the account for good,
    // whatever the expiry of the access token stored.
    private bool KeepsRotatedRefreshToken(PinterestToken token) =>
        token.RefreshToken is not null
        && token.ExpiresAt <= time.GetUtcNow()
        && (token.RefreshTokenExpiresAt is not { } refreshExpiresAt || refreshExpiresAt > time.GetUtcNow());

    // The primary key's violation only: a concurrent first write of the same account.
    private static bool IsDuplicateKey(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKeyViolation or SqliteUniqueViolation,
        _ => false,
    };
}
