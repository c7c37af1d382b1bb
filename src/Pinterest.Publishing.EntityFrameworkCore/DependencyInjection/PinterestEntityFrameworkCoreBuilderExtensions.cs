using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    /// registers ASP.NET Core Data Protection (<c>AddDataProtection()</c>), access and refresh tokens are encrypted at rest
    /// with it (purpose <c>Pinterest.Publishing.Tokens.v1</c>). Every instance must share the key ring: on PostgreSQL, a key
    /// ring that is not persisted explicitly (no <c>PersistKeysTo…</c>, or the ephemeral provider) stops the host at start,
    /// as another instance, a new container or a lost folder would find every token unreadable; persist it
    /// (<c>PersistKeysToDbContext</c>, <c>PersistKeysToFileSystem</c> on a shared volume…), or call <c>ProtectTokens()</c>
    /// (Pinterest.Publishing.AspNetCore) to accept the key ring as it is. On SQLite (one machine) the default key ring is used
    /// as it is.
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
        services.Replace(ServiceDescriptor.Singleton<IPinterestTokenStore>(ProtectWhenDataProtectionIsRegistered));
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TokenProtectionStartupCheck)))
        {
            // Right after the store check: on PostgreSQL an unshared key ring stops the host before a token is written with it.
            services.Insert(Math.Min(1, services.Count), ServiceDescriptor.Singleton<IHostedService, TokenProtectionStartupCheck>());
        }

        services.Replace(ServiceDescriptor.Singleton<IPinterestAccountCatalog>(sp => sp.GetRequiredService<EfTokenStore>()));
        services.Replace(ServiceDescriptor.Singleton<IPinScheduleStore>(sp => sp.GetRequiredService<EfPinScheduleStore>()));
        services.Replace(ServiceDescriptor.Singleton<IPinScheduler>(sp => sp.GetRequiredService<EfPinScheduleStore>()));
        services.Replace(ServiceDescriptor.Singleton<IPinterestPublishLedger>(sp => sp.GetRequiredService<EfPublishLedger>()));
        services.Replace(ServiceDescriptor.Singleton<IPinterestAccountCoordinator>(sp => sp.GetRequiredService<EfAccountCoordinator>()));
        return builder;
    }

    // Tokens at rest are encrypted whenever the host registered Data Protection (AddDataProtection, which ASP.NET Core's
    // authentication and antiforgery add), the same protection as ProtectTokens() of Pinterest.Publishing.AspNetCore (which
    // then adds nothing). Whether the key ring is fit for it (persisted and shared) is checked when the host starts:
    // TokenProtectionStartupCheck.
    private static IPinterestTokenStore ProtectWhenDataProtectionIsRegistered(IServiceProvider services)
    {
        var store = services.GetRequiredService<EfTokenStore>();
        return services.GetService<IDataProtectionProvider>() is { } dataProtection
            ? ProtectedTokenStore.Over(store, dataProtection, services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
            : store;
    }
}
