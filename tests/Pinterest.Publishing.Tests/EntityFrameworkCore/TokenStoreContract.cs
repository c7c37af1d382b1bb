using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>The token store and account catalog, on SQLite and PostgreSQL.</summary>
public abstract class TokenStoreContract(bool postgres) : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private StoreDatabase _database = null!;

    public async Task InitializeAsync() => _database = await StoreDatabase.CreateAsync(postgres ? StoreProvider.PostgreSql : StoreProvider.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    protected FakeTimeProvider Time { get; } = new(T0);

    private protected EfTokenStore Store() => new(_database.NewContexts(), Time);

    // Runs SQL on the test's database, as the engine spells it.
    protected async Task ExecuteAsync(string sql)
    {
        await using var context = new StoreTestDbContext(_database.Options);
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    protected static PinterestToken Token(string access, DateTimeOffset expiresAt, DateTimeOffset? refreshExpiresAt = null) => new()
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
        var store = Store();
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
        var instanceA = Store();
        var instanceB = Store();
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
        await Task.WhenAll(tokens.Select(t => Task.Run(() => Store().StoreTokenAsync("acct-1", t))));

        Assert.Equal(tokens[^1], await Store().GetTokenAsync("acct-1"));
    }

    [StoreFact]
    public async Task Removing_a_token_deletes_only_that_account_and_says_whether_one_was_there()
    {
        var store = Store();
        await store.StoreTokenAsync("acct-1", Token("a1", T0.AddDays(30)));
        await store.StoreTokenAsync("acct-2", Token("a2", T0.AddDays(30)));

        Assert.True(await store.RemoveTokenAsync("acct-1"));
        Assert.False(await store.RemoveTokenAsync("acct-1"));

        Assert.Null(await store.GetTokenAsync("acct-1"));
        Assert.NotNull(await store.GetTokenAsync("acct-2"));
    }

    [StoreFact]
    public async Task The_catalog_lists_accounts_whose_refresh_token_or_else_access_token_expires_before()
    {
        var store = Store();
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

    [StoreFact]
    public async Task A_rotated_refresh_token_without_an_access_token_is_stored_over_a_later_expiring_one()
    {
        // The stored access token expires in a day; Pinterest then rotates the refresh token without an access token
        // (PinterestTokenRefresher keeps it with an empty access token expiring now). The old refresh token is spent.
        var store = Store();
        await store.StoreTokenAsync("acct-1", Token("a1", T0.AddDays(30), T0.AddDays(60)));
        Time.SetUtcNow(T0.AddDays(29));
        var rotated = new PinterestToken
        {
            AccessToken = "",
            ExpiresAt = Time.GetUtcNow(),
            RefreshToken = "r-rotated",
            RefreshTokenExpiresAt = T0.AddDays(89),
            Scope = "boards:read,pins:write",
        };

        await store.StoreTokenAsync("acct-1", rotated);

        Assert.Equal(rotated, await store.GetTokenAsync("acct-1"));
    }

    [StoreFact]
    public async Task A_write_failing_for_another_reason_than_a_concurrent_first_write_propagates_at_once()
    {
        await ExecuteAsync(postgres
            ? "CREATE FUNCTION refuse_token() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$; "
              + "CREATE TRIGGER refuse BEFORE INSERT ON pinterest_tokens FOR EACH ROW EXECUTE FUNCTION refuse_token();"
            : "CREATE TRIGGER refuse BEFORE INSERT ON pinterest_tokens BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");

        // Only a guard against the endless retry this replaced: the write must fail with the database's error.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAsync<DbUpdateException>(() => Store().StoreTokenAsync("acct-1", Token("a1", T0.AddDays(30)), guard.Token));
    }
}

public sealed class SqliteTokenStoreTests() : TokenStoreContract(postgres: false);

public sealed class PostgresTokenStoreTests() : TokenStoreContract(postgres: true), INeedsPostgres
{
    [StoreFact]
    public async Task A_duplicate_key_that_never_resolves_is_retried_a_bounded_number_of_times()
    {
        // Every insert reports the duplicate key a concurrent first write would, yet no row ever appears.
        await ExecuteAsync(
            "CREATE FUNCTION duplicate_token() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'duplicate' USING ERRCODE = 'unique_violation'; END $$; "
            + "CREATE TRIGGER duplicate BEFORE INSERT ON pinterest_tokens FOR EACH ROW EXECUTE FUNCTION duplicate_token();");

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => Store().StoreTokenAsync("acct-1", Token("a1", T0.AddDays(30)), guard.Token));
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, Assert.IsType<Npgsql.PostgresException>(failure.InnerException).SqlState);
    }
}
