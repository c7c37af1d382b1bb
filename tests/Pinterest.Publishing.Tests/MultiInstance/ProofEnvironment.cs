using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.EntityFrameworkCore;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>
/// Everything the workers share: the database (schema, tokens, scheduled Pins), the emulator served on loopback with
/// its accounts, boards and hosted media, and the environment a worker process starts with.
/// </summary>
internal sealed class ProofEnvironment : IAsyncDisposable
{
    private ProofEnvironment(ProofDatabase database, PinterestEmulator emulator, ServiceProvider services)
    {
        Database = database;
        Emulator = emulator;
        Services = services;
    }

    public ProofDatabase Database { get; }

    public PinterestEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public List<EmulatedAccount> Accounts { get; } = [];

    /// <summary>Scheduled Pin id → what was scheduled.</summary>
    public Dictionary<string, ProofPlan.Item> Scheduled { get; } = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> WorkerEnvironment => new Dictionary<string, string>
    {
        ["PROOF_POSTGRES"] = Database.ConnectionString,
        ["PROOF_EMULATOR"] = Emulator.ServerAddress!.ToString(),
        ["PROOF_CLIENT_ID"] = Emulator.Options.ClientId,
        ["PROOF_CLIENT_SECRET"] = Emulator.Options.ClientSecret,
        ["PROOF_LEASE_MS"] = "20000",
        ["PROOF_POLL_MS"] = "200",
        ["PROOF_MAX_PER_ACCOUNT"] = MaxConcurrentPublishesPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public const int MaxConcurrentPublishesPerAccount = 2;

    public static async Task<ProofEnvironment> CreateAsync(ProofPlan plan)
    {
        var database = await ProofDatabase.CreateAsync("pinterest_proof");
        var emulator = new PinterestEmulator(new PinterestEmulatorOptions
        {
            // A little latency so that creates of one account overlap whenever the limit lets them.
            Latency = TimeSpan.FromMilliseconds(10),
            VideoProcessingTime = TimeSpan.FromSeconds(1),
            BoardPinListingDelay = TimeSpan.Zero,
        });
        var address = await emulator.StartServerAsync();

        var services = new ServiceCollection();
        services.AddDbContextFactory<ProofStoreContext>(o => o.UseNpgsql(database.ConnectionString));
        services.AddPinterestPublishing(o =>
        {
            o.ApiBaseAddress = address;
            o.ClientId = emulator.Options.ClientId;
            o.ClientSecret = emulator.Options.ClientSecret;
        }).AddEntityFrameworkCoreStores<ProofStoreContext>();

        var environment = new ProofEnvironment(database, emulator, services.BuildServiceProvider());
        await environment.ArrangeAsync(plan);
        return environment;
    }

    public async Task<PinPublishOutcome?> GetOutcomeAsync(string scheduledPinId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPinScheduler>().GetOutcomeAsync(scheduledPinId);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
        await Database.DisposeAsync();
    }

    private Uri OnServer(Uri hosted) => new(Emulator.ServerAddress!, hosted.AbsolutePath.TrimStart('/'));

    private async Task ArrangeAsync(ProofPlan plan)
    {
        await using var scope = Services.CreateAsyncScope();
        await using (var context = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProofStoreContext>>().CreateDbContextAsync())
        {
            await context.Database.EnsureCreatedAsync();
        }

        var tokens = scope.ServiceProvider.GetRequiredService<IPinterestTokenStore>();
        var scheduler = scope.ServiceProvider.GetRequiredService<IPinScheduler>();

        var now = DateTimeOffset.UtcNow;
        var boards = new List<EmulatedBoard>();
        var normalLifetime = Emulator.Options.AccessTokenLifetime;
        for (var i = 0; i < ProofPlan.AccountCount; i++)
        {
            var account = Emulator.AddAccount($"proof{i:D2}");
            Accounts.Add(account);
            boards.Add(Emulator.AddBoard(account, "Proof"));

            Emulator.Options.AccessTokenLifetime = ProofPlan.ExpiresOnPinterestOnly(i) ? TimeSpan.FromSeconds(8) : normalLifetime;
            var token = Emulator.IssueTokens(account);
            Emulator.Options.AccessTokenLifetime = normalLifetime;
            token = token with
            {
                ExpiresAt = ProofPlan.ExpiresByStoredDate(i)
                    ? now + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(8) // the refresh margin is 5 minutes
                    : now + TimeSpan.FromDays(30),
            };
            await tokens.StoreTokenAsync(account.Id, token);
        }

        // HostMedia answers with the in-memory host's URL; the workers reach the same path on the loopback server.
        var image = OnServer(Emulator.HostMedia("proof.jpg", TestMedia.Bytes("large-1000x1500.jpg"), "image/jpeg"));
        var video = OnServer(Emulator.HostMedia("proof.mp4", ProofPlan.Video(), "video/mp4"));
        foreach (var item in plan.Items)
        {
            var request = ProofPlan.Request(item, Accounts[item.Account].Id, boards[item.Account].Id, image, video);
            var scheduled = await scheduler.ScheduleAsync(request, now + item.DueAfter);
            Scheduled.Add(scheduled.Id, item);
        }
    }
}
