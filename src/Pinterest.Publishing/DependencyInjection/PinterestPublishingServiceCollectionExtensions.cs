using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Events.Internal;
using Pinterest.Publishing.Internal.Options;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pinterest.Publishing in a service collection.</summary>
public static partial class PinterestPublishingServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="AddPinterestPublishing(IServiceCollection, IConfiguration)"/> looks for.</summary>
    public const string ConfigurationSectionName = PinterestDefaults.ConfigurationSectionName;

    /// <summary>
    /// Registers <see cref="IPinPublisher"/>, <see cref="IPinPreflightValidator"/>, <see cref="PinterestClient"/> and their
    /// HTTP clients, with an in-memory <see cref="IPinterestTokenStore"/> and <see cref="TimeProvider.System"/> unless the
    /// host registered its own. Options are validated when the host starts. Calling it again only adds the configuration.
    /// </summary>
    public static IPinterestPublishingBuilder AddPinterestPublishing(this IServiceCollection services, Action<PinterestPublishingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Like <see cref="AddPinterestPublishing(IServiceCollection, Action{PinterestPublishingOptions})"/>, binding the
    /// options from <paramref name="configuration"/>: its <c>Pinterest</c> section when it has one, else the
    /// configuration itself (so both the root and the section can be passed).
    /// </summary>
    public static IPinterestPublishingBuilder AddPinterestPublishing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConfigurationSectionName);
        var source = section.Exists() ? section : configuration;

        // Binding adds to a list that already holds the defaults; a configured list must replace them instead.
        services.Configure<PinterestPublishingOptions>(options =>
        {
            if (source.GetSection("Preflight:AllowedImageContentTypes").GetChildren().Any())
            {
                options.Preflight.AllowedImageContentTypes.Clear();
            }

            if (source.GetSection("Preflight:AllowedPorts").GetChildren().Any())
            {
                options.Preflight.AllowedPorts.Clear();
            }
        });
        services.Configure<PinterestPublishingOptions>(source);
        return AddCore(services);
    }

    /// <summary>Uses <typeparamref name="TStore"/> as the token store, replacing the in-memory default.</summary>
    public static IPinterestPublishingBuilder AddTokenStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IPinterestPublishingBuilder builder)
        where TStore : class, IPinterestTokenStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPinterestTokenStore, TStore>());
        return builder;
    }

    /// <summary>Uses <typeparamref name="TProvider"/> for the default board of requests that name none.</summary>
    public static IPinterestPublishingBuilder AddDefaultBoardProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IPinterestPublishingBuilder builder)
        where TProvider : class, IDefaultBoardProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IDefaultBoardProvider, TProvider>());
        return builder;
    }

    /// <summary>
    /// Uses <typeparamref name="TStore"/> as the schedule store of <see cref="AddPinScheduling"/>, replacing the
    /// in-memory default. Register it before or after <see cref="AddPinScheduling"/>.
    /// </summary>
    public static IPinterestPublishingBuilder AddScheduleStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this IPinterestPublishingBuilder builder)
        where TStore : class, IPinScheduleStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPinScheduleStore, TStore>());
        return builder;
    }

    /// <summary>
    /// Adds the hosted dispatcher that publishes due Pins from <see cref="IPinScheduleStore"/>: the store of
    /// <see cref="AddScheduleStore{TStore}"/>, else an <see cref="InMemoryPinScheduleStore"/>. Also registers
    /// <see cref="IPinScheduler"/> as that same store, which must then implement it.
    /// </summary>
    public static IPinterestPublishingBuilder AddPinScheduling(this IPinterestPublishingBuilder builder, Action<PinSchedulingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<PinSchedulingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PinSchedulingOptions>, PinSchedulingOptionsValidator>());
        services.TryAddSingleton<InMemoryPinScheduleStore>();
        services.TryAddSingleton<IPinScheduleStore>(sp => sp.GetRequiredService<InMemoryPinScheduleStore>());

        // Through the store, not its type: a store registered later (AddScheduleStore, a package's Add…Stores) wins,
        // and schedules into the very store the dispatcher claims from.
        services.TryAddSingleton<IPinScheduler>(sp => sp.GetRequiredService<IPinScheduleStore>() as IPinScheduler
            ?? throw new InvalidOperationException(
                $"The schedule store {sp.GetRequiredService<IPinScheduleStore>().GetType().FullName} does not implement IPinScheduler: implement it on the store, or schedule Pins through the store's own API instead of IPinScheduler."));
        services.TryAddSingleton<DispatcherHeartbeat>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PinScheduleDispatcher>());
        return builder;
    }

    private static PinterestPublishingBuilder AddCore(IServiceCollection services)
    {
        var builder = new PinterestPublishingBuilder(services);
        if (services.Any(d => d.ServiceType == typeof(PinterestPublishingMarker)))
        {
            return builder;
        }

        services.AddSingleton<PinterestPublishingMarker>();
        services.AddOptions<PinterestPublishingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PinterestPublishingOptions>, PinterestPublishingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PinterestPublishingOptions>, PinterestPublishingOptionsCustomValidator>());
        services.AddLogging();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPinterestTokenStore, InMemoryPinterestTokenStore>();
        services.TryAddSingleton(sp => new PinterestTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new PublishingEvents(sp, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));

        // The library logs requests itself, without query strings; the factory's default loggers would log full URLs.
        RemoveHostDefaultHandlers(services, PinterestHttpClientNames.Api, PinterestHttpClientNames.Upload, PinterestHttpClientNames.Probe);
        services.AddHttpClient(PinterestHttpClientNames.Api)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.RequestTimeout)
            .RemoveAllLoggers();

        // Both guarded: upload_url comes from an API answer and probe URLs from users. ProbeNetworkSeams is internal:
        // only the library's tests register one, to reach a loopback server through a fake public name.
        services.AddHttpClient(PinterestHttpClientNames.Upload)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => ProbeHttpHandlerFactory.CreateForUpload(
                sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.Preflight, sp.GetService<ProbeNetworkSeams>()))
            .RemoveAllLoggers();
        services.AddHttpClient(PinterestHttpClientNames.Probe)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => ProbeHttpHandlerFactory.Create(
                sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.Preflight, sp.GetService<ProbeNetworkSeams>()))
            .RemoveAllLoggers();

        services.TryAddSingleton<PinterestApiTransportFactory>();
        services.TryAddSingleton<IPinterestTokenRefresher>(sp => new PinterestTokenRefresher(sp.GetRequiredService<PinterestApiTransportFactory>()));
        // One coordinator per account for refreshes, publish slots and cool-downs: in this process unless the host (or a
        // store package) registers one shared by every instance.
        services.TryAddSingleton<IPinterestAccountCoordinator>(sp => new InProcessAccountCoordinator(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.Retry.MaxRateLimitDelay));
        services.TryAddSingleton(sp => new PinterestTokenManager(
            sp.GetRequiredService<IPinterestTokenStore>(),
            sp.GetRequiredService<IPinterestTokenRefresher>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.TokenRefreshMargin,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(AuthenticationLog.CategoryName),
            sp.GetRequiredService<PinterestTelemetry>(),
            sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.RefreshTokenRenewalMargin,
            sp.GetRequiredService<IPinterestAccountCoordinator>()));
        services.TryAddSingleton<IPinterestAccountKeepAlive>(sp => new PinterestAccountKeepAlive(
            sp.GetRequiredService<PinterestTokenManager>(), sp.GetRequiredService<IPinterestTokenStore>(), sp.GetRequiredService<PublishingEvents>()));
        services.TryAddSingleton<PinterestClientProvider>();
        services.TryAddTransient(sp => sp.GetRequiredService<PinterestClientProvider>().Create());
        services.TryAddSingleton<IPinPreflightValidator>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value;
            return new PinPreflightValidator(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(PinterestHttpClientNames.Probe),
                options.Preflight,
                sp.GetService<IDefaultBoardProvider>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(PreflightLog.CategoryName),
                PinterestDefaults.IsSandbox(options.ApiBaseAddress, options.Environment));
        });
        services.TryAddSingleton<IVideoPinUploader, VideoPinUploader>();

        // The cool-down policy keeps no state: the coordinator holds the cool-downs. The spam-block wait is the
        // scheduler's setting (its default when scheduling is not added), so the account and its scheduled Pins wait alike.
        services.TryAddSingleton<IAccountCooldowns>(sp => new AccountCooldowns(
            sp.GetRequiredService<IPinterestAccountCoordinator>(),
            sp.GetRequiredService<TimeProvider>(),
            new AccountCooldownPolicy(
                sp.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.Retry,
                sp.GetRequiredService<IOptions<PinSchedulingOptions>>().Value.SpamBlockDelay)));

        // The publish path, one stage a service, in the order PinPublisher runs them.
        services.TryAddSingleton<BoardResolutionStage>();
        services.TryAddSingleton<PreflightStage>();
        services.TryAddSingleton<AccountSlotStage>();
        services.TryAddSingleton<AccountCooldownStage>();

        // One ledger per process: a durable one registered by a package wins (one registered earlier is kept by TryAdd;
        // one added later is the last registration, which is the one resolved).
        services.TryAddSingleton<IPinterestPublishLedger, InProcessPublishLedger>();
        services.TryAddSingleton<VideoStage>();
        services.TryAddSingleton<CreateStage>();
        services.TryAddSingleton<IPinPublisher, PinPublisher>();
        return builder;
    }

    private sealed class PinterestPublishingMarker;

    /// <summary>
    /// Removes from the library's clients the handlers a host adds to every client with
    /// <c>ConfigureHttpClientDefaults</c> (the Aspire service defaults add a standard resilience handler): a retry under
    /// the duplicate-safe create would post a Pin twice, and a total timeout would cut off long uploads. Handlers the
    /// host adds to these names themselves stay, whenever they are registered.
    /// </summary>
    /// <remarks>
    /// The factory runs every defaults action before any per-name one, and inserts defaults registered later just ahead
    /// of the first per-name registration it knows of. So the "clear" goes just before the first per-name registration
    /// when there is one (it then runs after all defaults, earlier or later ones, and before any handler the host adds
    /// to these names); when there is none, it is registered through the builder, which makes it that first
    /// registration, so defaults registered later are still inserted ahead of it.
    /// </remarks>
    private static void RemoveHostDefaultHandlers(IServiceCollection services, params string[] names)
    {
        var firstPerName = 0;
        while (firstPerName < services.Count && !IsPerNameHttpClientConfiguration(services[firstPerName]))
        {
            firstPerName++;
        }

        foreach (var name in names)
        {
            if (firstPerName == services.Count)
            {
                services.AddHttpClient(name).ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear());
                firstPerName = services.Count;
                continue;
            }

            services.Insert(firstPerName++, ServiceDescriptor.Singleton<IConfigureOptions<HttpClientFactoryOptions>>(
                new ConfigureNamedOptions<HttpClientFactoryOptions>(name, static options =>
                    options.HttpMessageHandlerBuilderActions.Add(static builder => builder.AdditionalHandlers.Clear()))));
        }
    }

    private static bool IsPerNameHttpClientConfiguration(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IConfigureOptions<HttpClientFactoryOptions>)
        && descriptor.ImplementationInstance is not ConfigureNamedOptions<HttpClientFactoryOptions> { Name: null };
}
