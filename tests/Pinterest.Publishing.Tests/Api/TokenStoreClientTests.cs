using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>The public token-store constructor, without dependency injection, over the emulator.</summary>
public class TokenStoreClientTests
{
    [Fact]
    public async Task Token_store_client_refreshes_an_expired_token_and_for_account_shares_the_refresh()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = time });
        var user = emulator.AddAccount();
        var board = emulator.AddBoard(user, "Board");
        var store = new InMemoryPinterestTokenStore();
        await store.StoreTokenAsync("a", emulator.IssueTokens(user));
        using var http = emulator.CreateHttpClient();
        var client = PublishingHarness.TokenStoreClient(emulator, http, store, "a", time);
        time.Advance(TimeSpan.FromDays(31));

        var fetched = await client.Boards.GetAsync(board.Id);
        var again = await client.ForAccount("a").Boards.GetAsync(board.Id);

        Assert.Equal(board.Id, fetched.Id);
        Assert.Equal(board.Id, again.Id);
        Assert.Equal(1, emulator.TokenRefreshCount);
        Assert.Equal("a", client.AccountId);
    }

    [Theory]
    [InlineData(14, 1)]
    [InlineData(0, 0)]
    public async Task Token_store_client_renews_a_refresh_token_within_its_renewal_margin_while_the_access_token_is_good(int marginDays, int refreshes)
    {
        // A refresh token with 10 days left and an access token with 20: only the renewal margin makes it due.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = time, RefreshTokenLifetime = TimeSpan.FromDays(20) });
        var user = emulator.AddAccount();
        var board = emulator.AddBoard(user, "Board");
        var store = new InMemoryPinterestTokenStore();
        await store.StoreTokenAsync("a", emulator.IssueTokens(user));
        using var http = emulator.CreateHttpClient();
        var client = new PinterestClient(http, store, "a", new PinterestClientOptions
        {
            ApiBaseAddress = emulator.BaseAddress,
            ClientId = emulator.Options.ClientId,
            ClientSecret = emulator.Options.ClientSecret,
            TimeProvider = time,
            RefreshTokenRenewalMargin = TimeSpan.FromDays(marginDays),
        });
        time.Advance(TimeSpan.FromDays(10));

        Assert.Equal(board.Id, (await client.Boards.GetAsync(board.Id)).Id);

        Assert.Equal(refreshes, emulator.TokenRefreshCount);
    }
}
