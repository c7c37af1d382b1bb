using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.EntityFrameworkCore;
using Pinterest.Publishing.EntityFrameworkCore.Internal;
using Pinterest.Publishing.Scheduling;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pinterest.Publishing's stores on the host's Entity Framework Core context.</summary>
public static class PinterestEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Keeps tokens, scheduled Pins, the publish ledger and the accounts' cool-downs in <typeparamref name="TContext"/>,
    /// and coordinates accounts through it, replacing the in-process defaults: <see cref="IPinterestTokenStore"/>,
    /// <see cref="IPinterestAccountCatalog"/>, <see cref="IPinScheduleStore"/> and <see cref="IPinScheduler"/> (one
    /// store), <see cref="IPinterestPublishLedger"/> and <see cref="IPinterestAccountCoordinator"/>.
    /// </summary>
    /// <remarks>
    /// Register the context with <c>AddDbContextFactory&lt;TContext&gt;</c>: every operation uses a context of its own.
    /// PostgreSQL (Npgsql) serves several instances; SQLite serves one process. Any other provider, or a context whose
    /// <c>OnModelCreating</c> does not call <c>ApplyPinterestPublishing()</c>, fails when the host starts. When the host
    /// registers ASP.NET Core Data Protection with a persisted key ring (<c>AddDataProtection().PersistKeysTo…</c>), access
    /// and refresh tokens are encrypted at rest with it (purpose <c>Pinterest.Publishing.Tokens.v1</c>); share the key ring
    /// between instances. Data Protection registered without a persisted key ring (keys in memory, or in a folder of this
    /// machine only) fails when the host starts, as tokens encrypted with it would be lost at the next restart: persist the
    /// key ring, or call <c>ProtectTokens()</c> (Pinterest.Publishing.AspNetCore) to protect with it as it is.
    /// </remarks>
    /// <typeparam name="TContext">The host's context, implementing <see cref="IPinterestPublishingDbContext"/>.</typeparam>
    /// <param name="builder">The builder <c>AddPinterestPublishing</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IPinterestPublishingBuilder AddEntityFrameworkCoreStores<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] TContext>(this IPinterestPublishingBuilder builder)
        where TContext : DbContext, IPinterestPublishingDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var factory = sp.GetRequiredService<IDbContextFactory<TContext>>();
            return new PinterestDbContexts(async ct => await factory.CreateDbContextAsync(ct).ConfigureAwait(false));
        }));

        // First among hosted services: the check must stop the host before the dispatcher or a sweep starts.
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(StoreStartupCheck)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StoreStartupCheck>());
        }

        services.TryAddSingleton<EfTokenStore>();
        services.TryAddSingleton<EfPinScheduleStore>();
        services.TryAddSingleton<EfPublishLedger>();
        services.TryAddSingleton<EfAccountCoordinator>();
        services.Replace(ServiceDescriptor.Singleton<IPinterestTokenStore>(ProtectWhenTheKeyRingIsPersisted));
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TokenProtectionStartupCheck)))
        {
            // Right after the store check: an unpersisted key ring stops the host before a token is written with it.
            services.Insert(Math.Min(1, services.Count), ServiceDescriptor.Singleton<IHostedService, TokenProtectionStartupCheck>());
        }

        services.Replace(ServiceDescriptor.Singleton<IPinterestAccountCatalog>(sp => sp.GetRequiredService<EfTokenStore>()));
        services.Replace(ServiceDescriptor.Singleton<IPinScheduleStore>(sp => sp.GetRequiredService<EfPinScheduleStore>()));
        services.Replace(ServiceDescriptor.Singleton<IPinScheduler>(sp => sp.GetRequiredService<EfPinScheduleStore>()));
        services.Replace(ServiceDescriptor.Singleton<IPinterestPublishLedger>(sp => sp.GetRequiredService<EfPublishLedger>()));
        services.Replace(ServiceDescriptor.Singleton<IPinterestAccountCoordinator>(sp => sp.GetRequiredService<EfAccountCoordinator>()));
        return builder;
    }

    // Tokens at rest are encrypted when the host registered Data Protection (AddDataProtection, which ASP.NET Core hosts
    // have) with a persisted key ring, the same protection as ProtectTokens() of Pinterest.Publishing.AspNetCore (which
    // then adds nothing). Not on a key ring kept in memory or in a folder of this machine: a restart, a new container or
    // a second instance would find every token unreadable, and every account would have to connect again.
    private static IPinterestTokenStore ProtectWhenTheKeyRingIsPersisted(IServiceProvider services)
    {
        var store = services.GetRequiredService<EfTokenStore>();
        if (services.GetService<IDataProtectionProvider>() is not { } dataProtection)
        {
            return store;
        }

        if (services.GetService<ProtectedTokenStoreRequest>() is null && !KeyRingIsPersisted(services, dataProtection))
        {
            throw new InvalidOperationException(
                "Data Protection is registered but its key ring is not persisted (no PersistKeysTo… call, or UseEphemeralDataProtectionProvider): tokens the Entity Framework Core store encrypted with it would be unreadable after a restart or on another instance. "
                + "Persist the key ring where every instance shares it (e.g. services.AddDataProtection().PersistKeysToDbContext<TContext>() or .PersistKeysToFileSystem(...)) and tokens are encrypted at rest automatically, "
                + "or call .ProtectTokens() (Pinterest.Publishing.AspNetCore) after AddEntityFrameworkCoreStores to encrypt with the key ring as it is configured.");
        }

        return ProtectedTokenStore.Over(store, dataProtection, services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
    }

    // PersistKeysTo… (file system, DbContext, Redis, Azure Blob…) all set KeyManagementOptions.XmlRepository; without it the
    // key manager falls back to a folder of this machine or to memory. The ephemeral provider ignores the key ring.
    private static bool KeyRingIsPersisted(IServiceProvider services, IDataProtectionProvider dataProtection) =>
        dataProtection is not EphemeralDataProtectionProvider
        && services.GetService<IOptions<KeyManagementOptions>>()?.Value.XmlRepository is not null;
}
