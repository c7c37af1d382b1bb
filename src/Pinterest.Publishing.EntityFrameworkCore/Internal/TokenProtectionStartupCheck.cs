using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// Builds the token store when the host starts and, on PostgreSQL (the engine for several instances), stops the host when
/// the tokens would be encrypted with a key ring that is not persisted explicitly: another instance, a new container or
/// a lost folder would then find every stored token unreadable, and every account would have to connect again.
/// </summary>
internal sealed class TokenProtectionStartupCheck(IServiceProvider services, PinterestDbContexts contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IPinterestTokenStore>();
        if (services.GetService<IDataProtectionProvider>() is not { } dataProtection
            || services.GetService<ProtectedTokenStoreRequest>() is not null
            || KeyRingIsPersisted(dataProtection))
        {
            return;
        }

        // SQLite serves one machine, where Data Protection's default key folder outlives a restart (and Data Protection
        // itself warns when it keeps keys in memory).
        if (await contexts.GetProviderAsync(cancellationToken).ConfigureAwait(false) == StoreProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                "Data Protection is registered but its key ring is not persisted explicitly (no PersistKeysTo… call, or UseEphemeralDataProtectionProvider), and the Entity Framework Core stores run on PostgreSQL, the engine for several instances: tokens encrypted with this key ring would be unreadable on another instance, in a new container or after the key folder is lost. "
                + "Persist the key ring where every instance shares it (e.g. services.AddDataProtection().PersistKeysToDbContext<TContext>() or .PersistKeysToFileSystem(a shared folder)), "
                + "or, when the default key ring is already shared (Azure App Service keeps it under %HOME% for every instance), call .ProtectTokens() (Pinterest.Publishing.AspNetCore) after AddEntityFrameworkCoreStores to encrypt with the key ring as it is configured.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // PersistKeysTo… (file system, DbContext, Redis, Azure Blob…) all set KeyManagementOptions.XmlRepository; without it the
    // key manager falls back to a folder of this machine or to memory. The ephemeral provider ignores the key ring.
    private bool KeyRingIsPersisted(IDataProtectionProvider dataProtection) =>
        dataProtection is not EphemeralDataProtectionProvider
        && services.GetService<IOptions<KeyManagementOptions>>()?.Value.XmlRepository is not null;
}
