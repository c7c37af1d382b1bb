using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.PublishPath;

/// <summary>The library wired through DI onto an in-memory emulator, both on one fake clock.</summary>
internal sealed class PublishingHarness : IAsyncDisposable
{
    public const string AccountId = "acct-1";

    private PublishingHarness(FakeTimeProvider time, PinterestEmulator emulator, ServiceProvider services, EmulatedAccount user, EmulatedBoard board)
    {
        Time = time;
        Emulator = emulator;
        Services = services;
        User = user;
        Board = board;
    }

    public FakeTimeProvider Time { get; }

    public PinterestEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public EmulatedAccount User { get; }

    public EmulatedBoard Board { get; }

    public IPinPublisher Publisher => Services.GetRequiredService<IPinPublisher>();

    public static async Task<PublishingHarness> CreateAsync(
        Action<IServiceCollection>? configureServices = null,
        Action<PinterestPublishingOptions>? configureOptions = null,
        bool storeToken = true,
        TimeSpan? videoProcessingTime = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = time, VideoProcessingTime = videoProcessingTime ?? TimeSpan.FromSeconds(5) });
        var user = emulator.AddAccount("harness_user");
        var board = emulator.AddBoard(user, "Harness board");

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        configureServices?.Invoke(services);
        services.AddPinterestPublishing(options => configureOptions?.Invoke(options)).UsePinterestEmulator(emulator);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var harness = new PublishingHarness(time, emulator, provider, user, board);
        if (storeToken)
        {
            await harness.StoreTokenAsync(AccountId, user);
        }

        return harness;
    }

    public Task StoreTokenAsync(string accountId, EmulatedAccount user) =>
        Services.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync(accountId, Emulator.IssueTokens(user));

    public Uri Host(string fixture, string contentType) =>
        Emulator.HostMedia(fixture, File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", fixture)), contentType);

    public PublishPinRequest ImageRequest(string? title = "A Pin", string? boardId = null) => new()
    {
        AccountId = AccountId,
        BoardId = boardId ?? Board.Id,
        Title = title,
        Media = PinMedia.Image(Host("large-1000x1500.jpg", "image/jpeg")),
    };

    public int CreateCalls() => Emulator.Requests.Count(r => r.Method == "POST" && r.Path == "/v5/pins");

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
