using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Coordination.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Two instances of a host (two DI containers, each with <c>AddPinterestPublishing</c>) on one emulator and one clock,
/// sharing one token store, and either one coordinator (what a shared store package gives) or one each (the in-process
/// default, which coordinates nothing across instances).
/// </summary>
internal sealed class TwoHosts : IAsyncDisposable
{
    public const string AccountId = "acct-1";

    private TwoHosts(bool shareCoordinator, Action<PinterestPublishingOptions>? configureOptions, Action<int, IServiceCollection>? configureServices)
    {
        Emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = Time });
        User = Emulator.AddAccount("two_hosts_user");
        Board = Emulator.AddBoard(User, "Two hosts board");
        Image = Emulator.HostMedia("large-1000x1500.jpg", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", "large-1000x1500.jpg")), "image/jpeg");
        var shared = new InProcessAccountCoordinator(Time);
        Coordinators = [.. Enumerable.Range(0, 2).Select(_ => new ObservedCoordinator(shareCoordinator ? shared : new InProcessAccountCoordinator(Time)))];
        Hosts = [.. Enumerable.Range(0, 2).Select(i =>
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<IPinterestTokenStore>(Store);
            services.AddSingleton<IPinterestAccountCoordinator>(Coordinators[i]);
            configureServices?.Invoke(i, services);
            services.AddPinterestPublishing(options =>
            {
                options.Preflight.ProbeTimeout = TimeSpan.FromDays(1);
                configureOptions?.Invoke(options);
            }).UsePinterestEmulator(Emulator);
            return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        })];
    }

    public ObservableTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public PinterestEmulator Emulator { get; }

    public EmulatedAccount User { get; }

    public EmulatedBoard Board { get; }

    public Uri Image { get; }

    /// <summary>The one token store of both hosts.</summary>
    public GatedTokenStore Store { get; } = new();

    /// <summary>Each host's coordinator (views of one shared coordinator, or one each).</summary>
    public ObservedCoordinator[] Coordinators { get; }

    public ServiceProvider[] Hosts { get; }

    public static async Task<TwoHosts> CreateAsync(bool shareCoordinator, Action<PinterestPublishingOptions>? configureOptions = null, Action<int, IServiceCollection>? configureServices = null)
    {
        var hosts = new TwoHosts(shareCoordinator, configureOptions, configureServices);
        await hosts.Store.Inner.StoreTokenAsync(AccountId, hosts.Emulator.IssueTokens(hosts.User));
        return hosts;
    }

    public IPinPublisher Publisher(int host) => Hosts[host].GetRequiredService<IPinPublisher>();

    public PublishPinRequest ImageRequest(string title) => new()
    {
        AccountId = AccountId,
        BoardId = Board.Id,
        Title = title,
        Media = PinMedia.Image(Image),
    };

    /// <summary>The refresh calls the emulator received (each spends the refresh token it carries).</summary>
    public int RefreshCalls() => Emulator.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/oauth/token", StringComparison.Ordinal));

    /// <summary>The API requests (not media fetches) the emulator received.</summary>
    public int ApiRequests() => Emulator.Requests.Count(r => r.Path.StartsWith("/v5/", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await Emulator.DisposeAsync();
    }
}
