using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.AspNetCore.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>Adds the ASP.NET Core pieces to a Pinterest.Publishing registration.</summary>
public static class PinterestAspNetCorePublishingBuilderExtensions
{
    /// <summary>
    /// Registers what <see cref="PinterestConnectEndpointRouteBuilderExtensions.MapPinterestConnect"/> needs (Data
    /// Protection, the default <see cref="IPinterestConnectHandler"/>, <see cref="IPinterestAccountConnections"/>) with
    /// <see cref="PinterestConnectOptions"/>, validated when the host starts.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <param name="configure">Sets the options; may be <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static IPinterestPublishingBuilder AddPinterestConnect(this IPinterestPublishingBuilder builder, Action<PinterestConnectOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<PinterestConnectOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PinterestConnectOptions>, PinterestConnectOptionsValidator>());
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectFlow>();
        services.TryAddSingleton<CallbackFlow>();
        services.TryAddSingleton<DisconnectFlow>();
        services.TryAddSingleton<IPinterestAccountConnections, PinterestAccountConnections>();
        services.TryAddScoped<IPinterestConnectHandler, DefaultConnectHandler>();
        return builder;
    }

    /// <summary>Uses <typeparamref name="THandler"/> (scoped) as the hook that ends every connect attempt.</summary>
    /// <typeparam name="THandler">The host's handler.</typeparam>
    /// <param name="builder">The registration.</param>
    /// <returns>The builder.</returns>
    public static IPinterestPublishingBuilder AddPinterestConnectHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IPinterestPublishingBuilder builder)
        where THandler : class, IPinterestConnectHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Scoped<IPinterestConnectHandler, THandler>());
        return builder;
    }

    /// <summary>
    /// Encrypts the access and refresh tokens with ASP.NET Core Data Protection (purpose
    /// <c>Pinterest.Publishing.Tokens.v1</c>) before the registered <see cref="IPinterestTokenStore"/> saves them, and
    /// decrypts them when read. Call it after the token store is registered (<c>AddTokenStore</c>). Tokens stored in
    /// plain text before are still read, and encrypted at their next store. Every instance must share the key ring
    /// (<c>PersistKeysTo…</c>, <c>SetApplicationName</c>): this call protects with the key ring as configured, even one kept
    /// in memory only, whose tokens are unreadable after a restart. A token whose key is revoked or lost reads as
    /// <see cref="PinterestReauthorizationRequiredException"/> naming the account (connect it again). The Entity Framework
    /// Core stores protect tokens without this call when the key ring is persisted, and stop the host at start when Data
    /// Protection is registered without a persisted key ring unless this is called.
    /// </summary>
    /// <param name="builder">The registration.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">No token store is registered (call <c>AddPinterestPublishing</c> first).</exception>
    public static IPinterestPublishingBuilder ProtectTokens(this IPinterestPublishingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var index = LastIndexOf(services, typeof(IPinterestTokenStore));
        if (index < 0)
        {
            throw new InvalidOperationException("ProtectTokens found no IPinterestTokenStore: call it after AddPinterestPublishing and AddTokenStore.");
        }

        var inner = services[index];
        if (inner.ImplementationFactory?.Target is ProtectionMarker)
        {
            return builder;
        }

        services.AddDataProtection();
        services.TryAddSingleton<ProtectedTokenStoreRequest>();
        var marker = new ProtectionMarker(inner);
        services[index] = ServiceDescriptor.Singleton<IPinterestTokenStore>(marker.Create);
        return builder;
    }

    private static int LastIndexOf(IServiceCollection services, Type serviceType)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == serviceType && !services[i].IsKeyedService)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Builds the decorated store from the registration it replaced (type, instance or factory).</summary>
    private sealed class ProtectionMarker(ServiceDescriptor inner)
    {
        [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The replaced registration's type was registered for activation, so its constructors are kept.")]
        public IPinterestTokenStore Create(IServiceProvider services)
        {
            var store = inner.ImplementationInstance as IPinterestTokenStore
                ?? inner.ImplementationFactory?.Invoke(services) as IPinterestTokenStore
                ?? (IPinterestTokenStore)ActivatorUtilities.CreateInstance(services, inner.ImplementationType!);

            // A store package that protects tokens itself when Data Protection is registered (the Entity Framework
            // Core stores) must not be wrapped twice: a token encrypted twice would read back still encrypted.
            return store is ProtectedTokenStore
                ? store
                : ProtectedTokenStore.Over(store, services.GetRequiredService<IDataProtectionProvider>(), services.GetRequiredService<ILoggerFactory>());
        }
    }
}
