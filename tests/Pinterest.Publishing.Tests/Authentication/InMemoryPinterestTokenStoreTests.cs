using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.Authentication;

public sealed class InMemoryPinterestTokenStoreTests
{
    private static PinterestToken Token(string access) => new()
    {
        AccessToken = access,
        ExpiresAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        RefreshToken = "RT-" + access,
    };

    [Fact]
    public async Task Unknown_account_has_no_token()
    {
        var store = new InMemoryPinterestTokenStore();
        Assert.Null(await store.GetTokenAsync("nobody"));
    }

    [Fact]
    public async Task Stored_token_is_read_back_and_overwritten_per_account()
    {
        var store = new InMemoryPinterestTokenStore();
        await store.StoreTokenAsync("a", Token("1"));
        await store.StoreTokenAsync("b", Token("2"));
        await store.StoreTokenAsync("a", Token("3"));

        Assert.Equal(Token("3"), await store.GetTokenAsync("a"));
        Assert.Equal(Token("2"), await store.GetTokenAsync("b"));
    }

    [Fact]
    public async Task Account_ids_are_case_sensitive()
    {
        var store = new InMemoryPinterestTokenStore();
        await store.StoreTokenAsync("Acct", Token("1"));
        Assert.Null(await store.GetTokenAsync("acct"));
    }

    [Fact]
    public async Task Invalid_arguments_and_cancellation_are_rejected()
    {
        var store = new InMemoryPinterestTokenStore();
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetTokenAsync(""));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.StoreTokenAsync(null!, Token("1")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.StoreTokenAsync("a", null!));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.StoreTokenAsync("a", Token("1"), new CancellationToken(true)));
        Assert.Null(await store.GetTokenAsync("a"));
    }
}
