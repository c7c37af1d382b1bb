using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.EntityFrameworkCore.Internal;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The EF stores encrypt tokens at rest whenever Data Protection is registered. On PostgreSQL (several instances) a key
/// ring that is not persisted explicitly would leave every stored token unreadable on another instance or after a new
/// container, so it stops the host at start unless the host chose <c>ProtectTokens()</c> itself; on SQLite (one machine)
/// the key ring is used as it is.
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

    [PostgresTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_PostgreSQL_a_key_ring_not_persisted_stops_the_host_at_start_naming_the_fix(bool ephemeral)
    {
        await using var database = await StoreDatabase.CreatePostgresAsync();
        using var host = Host(database, services => UnpersistedKeys(services, ephemeral), postgres: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("PersistKeysTo", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProtectTokens()", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_a_persisted_key_ring_starts_and_encrypts()
    {
        await using var database = await StoreDatabase.CreatePostgresAsync();
        using var host = Host(database, PersistedKeys, postgres: true);

        await host.StartAsync();
        await host.Services.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync("acct-1", Token);

        Assert.DoesNotContain("secret", (await host.Services.GetRequiredService<EfTokenStore>().GetTokenAsync("acct-1"))!.AccessToken, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task On_SQLite_Data_Protection_as_registered_encrypts_tokens_at_rest(bool ephemeral)
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        using var host = Host(database, services => UnpersistedKeys(services, ephemeral));

        await host.StartAsync();
        var store = host.Services.GetRequiredService<IPinterestTokenStore>();
        await store.StoreTokenAsync("acct-1", Token);

        Assert.Equal(Token, await store.GetTokenAsync("acct-1"));
        var atRest = (await host.Services.GetRequiredService<EfTokenStore>().GetTokenAsync("acct-1"))!;
        Assert.DoesNotContain("secret", atRest.AccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", atRest.RefreshToken!, StringComparison.Ordinal);
        await host.StopAsync();
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

    // No PersistKeysTo…: Data Protection's default (a folder of this machine's user profile, or memory).
    private static void UnpersistedKeys(IServiceCollection services, bool ephemeral)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("token-protection-tests");
        if (ephemeral)
        {
            dataProtection.UseEphemeralDataProtectionProvider();
        }
    }

    private static IHost Host(StoreDatabase database, Action<IServiceCollection> dataProtection, bool protectTokens = false, bool postgres = false)
    {
        var builder = new HostApplicationBuilder();
        builder.Services.AddDbContextFactory<StoreTestDbContext>(o =>
        {
            if (postgres)
            {
                o.UseNpgsql(database.ConnectionString);
            }
            else
            {
                o.UseSqlite(database.ConnectionString);
            }
        });
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
