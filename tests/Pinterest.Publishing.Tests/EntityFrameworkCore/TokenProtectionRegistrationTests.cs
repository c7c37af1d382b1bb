using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The EF stores encrypt tokens by default only on a persisted key ring: a key ring in memory (or in a folder of this
/// machine) would leave every stored token unreadable after a restart, so Data Protection without one stops the host at
/// start unless the host chose <c>ProtectTokens()</c> itself.
/// </summary>
public sealed class TokenProtectionRegistrationTests : IDisposable
{
    private static readonly PinterestToken Token = new()
    {
        AccessToken = "pina_secret-access",
        RefreshToken = "pinr_secret-refresh",
        ExpiresAt = DateTimeOffset.UnixEpoch.AddYears(60),
    };

    private readonly TempDirectory _keys = new();

    public void Dispose() => _keys.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Data_Protection_without_a_persisted_key_ring_stops_the_host_at_start_naming_the_fix(bool ephemeral)
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        using var host = Host(database, services =>
        {
            var dataProtection = services.AddDataProtection();
            if (ephemeral)
            {
                dataProtection.UseEphemeralDataProtectionProvider();
            }
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("PersistKeysTo", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProtectTokens()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_persisted_key_ring_tokens_are_encrypted_at_rest_and_read_after_a_restart()
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        using (var before = Host(database, PersistedKeys))
        {
            await before.StartAsync();
            await before.Services.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync("acct-1", Token);
            var atRest = (await before.Services.GetRequiredService<EfTokenStore>().GetTokenAsync("acct-1"))!;
            Assert.DoesNotContain("secret", atRest.AccessToken, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", atRest.RefreshToken!, StringComparison.Ordinal);
            await before.StopAsync();
        }

        using var after = Host(database, PersistedKeys);
        await after.StartAsync();
        Assert.Equal(Token, await after.Services.GetRequiredService<IPinterestTokenStore>().GetTokenAsync("acct-1"));
        await after.StopAsync();
    }

    [Fact]
    public async Task ProtectTokens_is_the_hosts_explicit_choice_of_a_key_ring_as_it_is_and_encrypts_once()
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        using var host = Host(database, services => services.AddDataProtection(), protectTokens: true);

        await host.StartAsync();
        var store = host.Services.GetRequiredService<IPinterestTokenStore>();
        await store.StoreTokenAsync("acct-1", Token);

        Assert.Equal(Token, await store.GetTokenAsync("acct-1"));
        Assert.DoesNotContain("secret", (await host.Services.GetRequiredService<EfTokenStore>().GetTokenAsync("acct-1"))!.AccessToken, StringComparison.Ordinal);
        await host.StopAsync();
    }

    private void PersistedKeys(IServiceCollection services) =>
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(_keys.Path)).SetApplicationName("token-protection-tests");

    private static IHost Host(StoreDatabase database, Action<IServiceCollection> dataProtection, bool protectTokens = false)
    {
        var builder = new HostApplicationBuilder();
        builder.Services.AddDbContextFactory<StoreTestDbContext>(o => o.UseSqlite(database.ConnectionString));
        dataProtection(builder.Services);
        var publishing = builder.Services.AddPinterestPublishing(o =>
        {
            o.ClientId = "client";
            o.ClientSecret = "secret";
        }).AddEntityFrameworkCoreStores<StoreTestDbContext>();
        if (protectTokens)
        {
            publishing.ProtectTokens();
        }

        return builder.Build();
    }
}
