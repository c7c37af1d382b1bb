using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>The library wired through DI onto an in-memory emulator, both on one fake clock.</summary>
internal sealed class PublishingHarness : IAsyncDisposable
{
    public const string AccountId = "acct-1";

    private PublishingHarness(ObservableTimeProvider time, PinterestEmulator emulator, ServiceProvider services, EmulatedAccount user, EmulatedBoard board)
    {
        Time = time;
        Emulator = emulator;
        Services = services;
        User = user;
        Board = board;
    }

    private Action<PinterestPublishingOptions>? _configureOptions;

    /// <summary>The one fake clock of the library and the emulator; it reports every timer started on it.</summary>
    public ObservableTimeProvider Time { get; }

    public PinterestEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public EmulatedAccount User { get; }

    public EmulatedBoard Board { get; }

    public IPinPublisher Publisher => Services.GetRequiredService<IPinPublisher>();

    public static async Task<PublishingHarness> CreateAsync(
        Action<IServiceCollection>? configureServices = null,
        Action<PinterestPublishingOptions>? configureOptions = null,
        bool storeToken = true,
        TimeSpan? videoProcessingTime = null,
        Action<PinterestEmulatorOptions>? configureEmulator = null)
    {
        var time = new ObservableTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var emulatorOptions = new PinterestEmulatorOptions { TimeProvider = time, VideoProcessingTime = videoProcessingTime ?? TimeSpan.FromSeconds(5) };
        configureEmulator?.Invoke(emulatorOptions);
        var emulator = new PinterestEmulator(emulatorOptions);
        var user = emulator.AddAccount("harness_user");
        var board = emulator.AddBoard(user, "Harness board");

        var provider = BuildServices(time, emulator, configureServices, configureOptions);
        var harness = new PublishingHarness(time, emulator, provider, user, board) { _configureOptions = configureOptions };
        if (storeToken)
        {
            await harness.StoreTokenAsync(AccountId, user);
        }

        return harness;
    }

    /// <summary>
    /// Another process of the host over the same emulator and clock: its own container (publisher, token store, publish
    /// ledger), with the harness account's tokens stored. Dispose it before the harness.
    /// </summary>
    /// <param name="configureServices">Registrations of that instance, such as a ledger shared with the harness's.</param>
    public async Task<ServiceProvider> CreateAnotherInstanceAsync(Action<IServiceCollection>? configureServices = null)
    {
        var provider = BuildServices(Time, Emulator, configureServices, _configureOptions);
        await provider.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync(AccountId, Emulator.IssueTokens(User));
        return provider;
    }

    private static ServiceProvider BuildServices(ObservableTimeProvider time, PinterestEmulator emulator, Action<IServiceCollection>? configureServices, Action<PinterestPublishingOptions>? configureOptions)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        configureServices?.Invoke(services);
        services.AddPinterestPublishing(options =>
        {
            // The fake clock jumps while a real loopback probe is in flight (DriveAsync): on a loaded machine a 10 s probe
            // timeout on that clock fires before the socket answers. Tests of the probe timeout set their own.
            options.Preflight.ProbeTimeout = TimeSpan.FromDays(1);
            configureOptions?.Invoke(options);
        }).UsePinterestEmulator(emulator);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>The scopes of an app that forgot <c>boards:write</c>: it may upload media but not create a Pin (401 code 3).</summary>
    public const string ScopesWithoutBoardsWrite = "boards:read,pins:read,pins:write";

    public Task StoreTokenAsync(string accountId, EmulatedAccount user, string scope = PinterestEmulator.DefaultScope) =>
        Services.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync(accountId, Emulator.IssueTokens(user, scope));

    /// <summary>
    /// Connects <paramref name="count"/> accounts (the harness's own first), each with a board and its tokens in the
    /// token store. For the accounts <paramref name="storeLiesAboutExpiry"/> picks, the stored expiry says a year more
    /// than Pinterest's: once the clock passes the real one, they meet a 401 before they refresh.
    /// </summary>
    public async Task<(EmulatedAccount[] Users, EmulatedBoard[] Boards)> ConnectAccountsAsync(int count, Func<int, string> accountId, Func<int, bool> storeLiesAboutExpiry)
    {
        var store = Services.GetRequiredService<IPinterestTokenStore>();
        var users = new EmulatedAccount[count];
        var boards = new EmulatedBoard[count];
        for (var a = 0; a < count; a++)
        {
            users[a] = a == 0 ? User : Emulator.AddAccount($"user_{a}");
            boards[a] = a == 0 ? Board : Emulator.AddBoard(users[a], $"Board {a}");
            var token = Emulator.IssueTokens(users[a]);
            await store.StoreTokenAsync(accountId(a), storeLiesAboutExpiry(a) ? token with { ExpiresAt = token.ExpiresAt.AddDays(365) } : token);
        }

        return (users, boards);
    }

    /// <summary>A client over <paramref name="emulator"/> without dependency injection, its tokens in <paramref name="store"/>.</summary>
    public static PinterestClient TokenStoreClient(PinterestEmulator emulator, HttpClient http, IPinterestTokenStore store, string accountId, TimeProvider time) =>
        new(http, store, accountId, new PinterestClientOptions
        {
            ApiBaseAddress = emulator.BaseAddress,
            ClientId = emulator.Options.ClientId,
            ClientSecret = emulator.Options.ClientSecret,
            TimeProvider = time,
        });

    public Uri Host(string fixture, string contentType) =>
        Emulator.HostMedia(fixture, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", fixture)), contentType);

    public PublishPinRequest ImageRequest(string? title = "A Pin", string? boardId = null) => new()
    {
        AccountId = AccountId,
        BoardId = boardId ?? Board.Id,
        Title = title,
        Media = PinMedia.Image(Host("large-1000x1500.jpg", "image/jpeg")),
    };

    public PublishPinRequest VideoRequest() => new()
    {
        AccountId = AccountId,
        BoardId = Board.Id,
        Title = "Clip",
        Media = PinMedia.Video(VideoSource.FromFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", "video-5s.mp4"))),
    };

    public int CreateCalls() => Emulator.Requests.Count(r => r.Method == "POST" && r.Path == "/v5/pins");

    /// <summary>The board listings (<c>GET /v5/boards/{board_id}/pins</c>) received, in order.</summary>
    public EmulatedRequest[] BoardListings() => Emulator.Requests.Where(r => r.Method == "GET" && r.Path.StartsWith("/v5/boards/", StringComparison.Ordinal) && r.Path.EndsWith("/pins", StringComparison.Ordinal)).ToArray();

    /// <summary>Options that list a board's Pins strictly newest first and at once (no read-after-write lag).</summary>
    public static void StrictBoardListing(PinterestEmulatorOptions options)
    {
        options.BoardPinListingDelay = TimeSpan.Zero;
        options.BoardPinListingDisorder = 0;
    }

    /// <summary>Advances the fake clock in steps until <paramref name="task"/> completes (bounded in real time).</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            if (!task.IsCompleted)
            {
                Time.Advance(step);
            }
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
