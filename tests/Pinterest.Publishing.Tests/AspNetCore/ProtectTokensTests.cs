using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Tests.AspNetCore;

public sealed class ProtectTokensTests : IDisposable
{
    private static readonly PinterestToken Token = new()
    {
        AccessToken = "pina_secret_access",
        RefreshToken = "pinr_secret_refresh",
        ExpiresAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        Scope = "pins:write",
    };

    private readonly TempDirectory _keys = new();
    private readonly InMemoryPinterestTokenStore _inner = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task Tokens_reach_the_inner_store_encrypted_and_come_back_in_clear()
    {
        using var services = Build();
        var store = services.GetRequiredService<IPinterestTokenStore>();
        await store.StoreTokenAsync("acct", Token);

        var raw = (await _inner.GetTokenAsync("acct"))!;
        Assert.DoesNotContain("secret", raw.AccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", raw.RefreshToken!, StringComparison.Ordinal);
        Assert.Equal(Token.ExpiresAt, raw.ExpiresAt);
        Assert.Equal(Token, await store.GetTokenAsync("acct"));
    }

    [Fact]
    public async Task A_token_stored_in_clear_before_protection_is_still_read()
    {
        using var services = Build();
        await _inner.StoreTokenAsync("acct", Token);
        Assert.Equal(Token, await services.GetRequiredService<IPinterestTokenStore>().GetTokenAsync("acct"));
    }

    [Fact]
    public async Task After_a_key_rotation_old_tokens_are_still_read_and_new_ones_use_the_new_key()
    {
        using var services = Build();
        var store = services.GetRequiredService<IPinterestTokenStore>();
        await store.StoreTokenAsync("old", Token);
        var keys = services.GetRequiredService<IKeyManager>();
        var before = keys.GetAllKeys().Select(k => k.KeyId).ToHashSet();

        var now = DateTimeOffset.UtcNow;
        var rotated = keys.CreateNewKey(now.AddSeconds(-1), now.AddDays(90));
        await store.StoreTokenAsync("new", Token with { AccessToken = "pina_other" });

        Assert.DoesNotContain(rotated.KeyId, before);
        Assert.Equal(Token, await store.GetTokenAsync("old"));
        Assert.Equal("pina_other", (await store.GetTokenAsync("new"))!.AccessToken);
    }

    [Fact]
    public async Task A_token_whose_key_was_revoked_reads_as_reauthorization_required_naming_the_account()
    {
        using var services = Build();
        var store = services.GetRequiredService<IPinterestTokenStore>();
        await store.StoreTokenAsync("acct-42", Token);
        services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow.AddSeconds(1), "test");

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => store.GetTokenAsync("acct-42"));
        Assert.Equal("acct-42", error.AccountId);
        Assert.Contains("acct-42", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protected_store_forwards_removal()
    {
        using var services = Build();
        var store = services.GetRequiredService<IPinterestTokenStore>();
        await store.StoreTokenAsync("acct", Token);
        Assert.True(await ((IPinterestTokenStoreRemoval)store).RemoveTokenAsync("acct"));
        Assert.Null(await _inner.GetTokenAsync("acct"));
    }

    [Fact]
    public void ProtectTokens_twice_decorates_once()
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).ProtectTokens().ProtectTokens();
        Assert.Single(services, d => d.ServiceType == typeof(IPinterestTokenStore));
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(_keys.Path)).SetApplicationName("tests");
        var builder = services.AddPinterestPublishing(_ => { });
        services.AddSingleton<IPinterestTokenStore>(_inner);
        builder.ProtectTokens();
        return services.BuildServiceProvider();
    }
}
