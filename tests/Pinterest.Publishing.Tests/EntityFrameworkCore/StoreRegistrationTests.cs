using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore.Internal;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

public sealed class StoreRegistrationTests
{
    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore.InMemory")]
    [InlineData("Microsoft.EntityFrameworkCore.SqlServer")]
    [InlineData(null)]
    public void Any_provider_but_PostgreSQL_and_SQLite_is_refused_with_a_message_naming_it(string? provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StoreProviders.From(provider));

        Assert.StartsWith("Pinterest.Publishing.EntityFrameworkCore supports PostgreSQL (Npgsql) and SQLite; the context uses " + (provider ?? "no provider"), error.Message);
    }

    [Fact]
    public void Npgsql_and_Sqlite_map_to_their_implementations()
    {
        Assert.Equal(StoreProvider.PostgreSql, StoreProviders.From(StoreProviders.NpgsqlProviderName));
        Assert.Equal(StoreProvider.Sqlite, StoreProviders.From(StoreProviders.SqliteProviderName));
    }

    [Fact]
    public async Task The_stores_replace_the_defaults_and_share_one_schedule_store()
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        using var host = Host(services => services.AddDbContextFactory<StoreTestDbContext>(o => o.UseSqlite(database.ConnectionString)));

        await host.StartAsync();
        var sp = host.Services;

        Assert.IsType<EfTokenStore>(sp.GetRequiredService<IPinterestTokenStore>());
        Assert.Same(sp.GetRequiredService<IPinterestTokenStore>(), sp.GetRequiredService<IPinterestAccountCatalog>());
        Assert.IsType<EfPinScheduleStore>(sp.GetRequiredService<IPinScheduleStore>());
        Assert.Same(sp.GetRequiredService<IPinScheduleStore>(), sp.GetRequiredService<IPinScheduler>());
        Assert.IsType<EfPublishLedger>(sp.GetRequiredService<IPinterestPublishLedger>());
        Assert.IsType<EfAccountCoordinator>(sp.GetRequiredService<IPinterestAccountCoordinator>());
        await host.StopAsync();
    }

    [Fact]
    public async Task With_Data_Protection_registered_tokens_are_encrypted_at_rest_and_read_back_clear()
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        using var keys = new TempDirectory();
        using var host = Host(services =>
        {
            services.AddDbContextFactory<StoreTestDbContext>(o => o.UseSqlite(database.ConnectionString));
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys.Path));
        });
        await host.StartAsync();
        var store = host.Services.GetRequiredService<IPinterestTokenStore>();
        var token = new PinterestToken { AccessToken = "pina_secret-access", RefreshToken = "pinr_secret-refresh", ExpiresAt = DateTimeOffset.UnixEpoch.AddYears(60) };

        await store.StoreTokenAsync("acct-1", token);

        Assert.Equal(token, await store.GetTokenAsync("acct-1"));
        var atRest = await host.Services.GetRequiredService<EfTokenStore>().GetTokenAsync("acct-1");
        Assert.NotNull(atRest);
        Assert.DoesNotContain("secret", atRest.AccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", atRest.RefreshToken!, StringComparison.Ordinal);
        Assert.True(await ((IPinterestTokenStoreRemoval)store).RemoveTokenAsync("acct-1"));
        Assert.Null(await store.GetTokenAsync("acct-1"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_context_without_the_library_tables_stops_the_host_at_start()
    {
        await using var database = await StoreDatabase.CreateSqliteAsync();
        using var host = Host(services => services.AddDbContextFactory<ContextWithoutTables>(o => o.UseSqlite(database.ConnectionString)), useBareContext: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("ApplyPinterestPublishing()", error.Message);
    }

    private static IHost Host(Action<IServiceCollection> addContext, bool useBareContext = false)
    {
        var builder = new HostApplicationBuilder();
        addContext(builder.Services);
        var publishing = builder.Services.AddPinterestPublishing(o =>
        {
            o.ClientId = "client";
            o.ClientSecret = "secret";
        });
        publishing.AddPinScheduling();
        _ = useBareContext
            ? publishing.AddEntityFrameworkCoreStores<ContextWithoutTables>()
            : publishing.AddEntityFrameworkCoreStores<StoreTestDbContext>();
        return builder.Build();
    }

    private sealed class ContextWithoutTables(DbContextOptions<ContextWithoutTables> options) : DbContext(options), IPinterestPublishingDbContext;
}
