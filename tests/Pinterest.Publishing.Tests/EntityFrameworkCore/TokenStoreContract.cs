using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>The token store and account catalog, on SQLite and PostgreSQL.</summary>
public abstract class TokenStoreContract(bool postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private StoreDatabase _database = null!;

    public async Task InitializeAsync() => _database = await StoreDatabase.CreateAsync(postgres ? StoreProvider.PostgreSql : StoreProvider.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static PinterestToken Token(string access, DateTimeOffset expiresAt, DateTimeOffset? refreshExpiresAt = null) => new()
    {
        AccessToken = access,
        ExpiresAt = expiresAt,
        RefreshToken = "r-" + access,
        RefreshTokenExpiresAt = refreshExpiresAt,
        Scope = "boards:read,pins:write",
    };

    [StoreFact]
    public async Task A_stored_token_reads_back_whole_and_a_newer_one_replaces_it()
    {
        var store = new EfTokenStore(_database.NewContexts());
        Assert.Null(await store.GetTokenAsync("acct-1"));

        var first = Token("a1", T0.AddDays(30), new DateTimeOffset(2027, 1, 22, 12, 0, 0, TimeSpan.FromHours(-5)));
        await store.StoreTokenAsync("acct-1", first);
        Assert.Equal(first, await store.GetTokenAsync("acct-1"));

        var rotated = Token("a2", T0.AddDays(31), T0.AddDays(61));
        await store.StoreTokenAsync("acct-1", rotated);
        Assert.Equal(rotated, await store.GetTokenAsync("acct-1"));
    }

    [StoreFact]
    public async Task A_rotation_that_arrives_after_a_newer_one_never_overwrites_it()
    {
        var instanceA = new EfTokenStore(_database.NewContexts());
        var instanceB = new EfTokenStore(_database.NewContexts());
        await instanceA.StoreTokenAsync("acct-1", Token("old", T0.AddDays(30)));

        var newer = Token("newer", T0.AddDays(30).AddMinutes(2));
        await instanceB.StoreTokenAsync("acct-1", newer);
        await instanceA.StoreTokenAsync("acct-1", Token("slow", T0.AddDays(30).AddMinutes(1)));

        Assert.Equal(newer, await instanceA.GetTokenAsync("acct-1"));
    }

    [StoreFact]
    public async Task Concurrent_rotations_leave_the_newest_token()
    {
        var tokens = Enumerable.Range(1, 12).Select(i => Token("t" + i, T0.AddMinutes(i))).ToArray();
        await Task.WhenAll(tokens.Select(t => Task.Run(() => new EfTokenStore(_database.NewContexts()).StoreTokenAsync("acct-1", t))));

        Assert.Equal(tokens[^1], await new EfTokenStore(_database.NewContexts()).GetTokenAsync("acct-1"));
    }

    [StoreFact]
    public async Task The_catalog_lists_accounts_whose_refresh_token_or_else_access_token_expires_before()
    {
        var store = new EfTokenStore(_database.NewContexts());
        await store.StoreTokenAsync("refresh-soon", Token("a", T0.AddDays(30), T0.AddDays(5)));
        await store.StoreTokenAsync("refresh-later", Token("b", T0.AddDays(1), T0.AddDays(50)));
        await store.StoreTokenAsync("no-refresh-expiry-soon", Token("c", T0.AddDays(3)));
        await store.StoreTokenAsync("no-refresh-expiry-later", Token("d", T0.AddDays(30)));

        var listed = new List<string>();
        await foreach (var account in store.GetAccountsExpiringBeforeAsync(T0.AddDays(10)))
        {
            listed.Add(account);
        }

        Assert.Equal(["no-refresh-expiry-soon", "refresh-soon"], listed);
    }
}

public sealed class SqliteTokenStoreTests() : TokenStoreContract(postgres: false);

public sealed class PostgresTokenStoreTests() : TokenStoreContract(postgres: true), INeedsPostgres;
