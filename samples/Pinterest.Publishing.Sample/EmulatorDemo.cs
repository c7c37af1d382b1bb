using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Sample;

/// <summary>Every step of the library against the in-memory emulator: the sample's default.</summary>
internal static class EmulatorDemo
{
    private const string AccountId = "sample-account";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        Console.WriteLine("Pinterest.Publishing sample — running against the built-in Pinterest emulator (set PINTEREST_ACCESS_TOKEN to use Pinterest).");

        await using var emulator = new PinterestEmulator(new PinterestEmulatorOptions { VideoProcessingTime = TimeSpan.FromSeconds(2) });
        var user = emulator.AddAccount("sample_user");
        var recipes = emulator.AddBoard(user, "Recipes");
        emulator.AddBoard(user, "Travel");
        emulator.AddBoard(user, "Garden");

        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Tokens, scheduled Pins, the publish ledger and cool-downs live in the host's database.
        using var store = SampleStore.Add(builder.Services, args);
        builder.Services.AddPinterestPublishing(options => options.VideoUpload.InitialPollInterval = TimeSpan.FromMilliseconds(500))
            .UsePinterestEmulator(emulator)
            .AddPinScheduling(options => options.PollInterval = TimeSpan.FromMilliseconds(250))
            .AddEntityFrameworkCoreStores<SampleDbContext>();

        using var host = builder.Build();
        await SampleStore.EnsureCreatedAsync(host.Services, cancellationToken);
        await host.StartAsync(cancellationToken);
        Console.WriteLine($"Store: {store.Description}.");

        // The host keeps tokens in its own store; here the emulator plays the OAuth consent.
        var tokens = host.Services.GetRequiredService<IPinterestTokenStore>();
        await tokens.StoreTokenAsync(AccountId, emulator.IssueTokens(user), cancellationToken);

        // 1. The low-level client: every board, across pages.
        var client = host.Services.GetRequiredService<PinterestClient>().ForAccount(AccountId);
        var boards = new List<string>();
        await foreach (var board in client.Boards.GetBoardsAsync(cancellationToken: cancellationToken))
        {
            boards.Add($"{board.Name} ({board.Id})");
        }

        Step(1, $"Listed {boards.Count} boards with the low-level client: {string.Join(", ", boards)}");

        var publisher = host.Services.GetRequiredService<IPinPublisher>();
        var media = Path.Combine(AppContext.BaseDirectory, "media");
        var portrait = emulator.HostMedia("soup-1000x1500.jpg", await File.ReadAllBytesAsync(Path.Combine(media, "large-1000x1500.jpg"), cancellationToken), "image/jpeg");
        var squareJpeg = emulator.HostMedia("bowl-1000x1000.jpg", await File.ReadAllBytesAsync(Path.Combine(media, "large-1000x1000.jpg"), cancellationToken), "image/jpeg");
        var squarePng = emulator.HostMedia("spoon-1000x1000.png", await File.ReadAllBytesAsync(Path.Combine(media, "large-1000x1000.png"), cancellationToken), "image/png");
        var landing = emulator.HostMedia("recipe.html", "<html><body>Pumpkin soup</body></html>"u8.ToArray(), "text/html");

        // 2. An image Pin.
        var image = await publisher.PublishAsync(new PublishPinRequest
        {
            AccountId = AccountId,
            BoardId = recipes.Id,
            Title = "Pumpkin soup",
            Description = "Smooth, warming and ready in 30 minutes.",
            Link = landing,
            AltText = "A bowl of orange pumpkin soup on a wooden table",
            Media = PinMedia.Image(portrait),
        }, cancellationToken);
        Step(2, $"Published an image Pin: {image.PinId} ({image.Preflight.Warnings.Count} preflight warnings)");

        // 3. A carousel of square images.
        var carousel = await publisher.PublishAsync(new PublishPinRequest
        {
            AccountId = AccountId,
            BoardId = recipes.Id,
            Title = "Soup in three steps",
            Link = landing,
            Media = PinMedia.Carousel(
                new CarouselItem(squareJpeg) { Title = "Roast" },
                new CarouselItem(squarePng) { Title = "Blend" },
                new CarouselItem(squareJpeg) { Title = "Serve" }),
        }, cancellationToken);
        Step(3, $"Published a carousel Pin of 3 images: {carousel.PinId}");

        // 4. A video Pin: register, stream the file, wait for processing, create.
        var video = await publisher.PublishAsync(new PublishPinRequest
        {
            AccountId = AccountId,
            BoardId = recipes.Id,
            Title = "Soup in 5 seconds",
            Media = PinMedia.Video(VideoSource.FromFile(Path.Combine(media, "video-5s.mp4")), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(1))),
        }, cancellationToken);
        Step(4, $"Published a video Pin: {video.PinId} (uploaded, processed, created)");

        // 5. A broken draft: preflight finds every problem before anything is sent.
        var requestsBefore = emulator.Requests.Count;
        try
        {
            await publisher.PublishAsync(new PublishPinRequest
            {
                AccountId = AccountId,
                BoardId = "Recipes",
                Title = new string('x', 120),
                Link = new Uri("ftp://example.com/soup"),
                DominantColor = "orange",
                Media = PinMedia.Carousel(new CarouselItem(portrait), new CarouselItem(squareJpeg)),
            }, cancellationToken);
            throw new InvalidOperationException("The broken draft was not rejected.");
        }
        catch (PinPreflightException rejected)
        {
            var codes = string.Join(", ", rejected.Result.Errors.Select(e => $"{e.Code} [{e.Target}]"));
            var pinRequests = emulator.Requests.Skip(requestsBefore).Count(r => r.Path.StartsWith("/v5/pins", StringComparison.Ordinal));
            Step(5, $"Preflight rejected a broken draft with {rejected.Result.Errors.Count} errors ({pinRequests} create calls sent): {codes}");
        }

        // 6. A scheduled Pin, published by the hosted dispatcher when due.
        var schedule = host.Services.GetRequiredService<IPinScheduler>();
        var due = TimeProvider.System.GetUtcNow().AddSeconds(2);
        var scheduled = await schedule.ScheduleAsync(new PublishPinRequest
        {
            AccountId = AccountId,
            BoardId = recipes.Id,
            Title = "Tomorrow's soup",
            Media = PinMedia.Image(squarePng),
        }, due, cancellationToken);
        Step(6, $"Scheduled a Pin for {due:HH:mm:ss} UTC; waiting for the dispatcher…");
        PinPublishOutcome? outcome;
        while ((outcome = await schedule.GetOutcomeAsync(scheduled.Id, cancellationToken)) is null or { IsFinal: false })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        Step(6, $"The dispatcher completed the scheduled Pin: {outcome.Kind} {(outcome is PinPublishOutcome.Published p ? p.PinId : outcome.Reason)}");
        await host.StopAsync(cancellationToken);

        var stored = emulator.GetPins(recipes.Id).Count;
        Console.WriteLine($"Done: the emulator holds {stored} Pins on board {recipes.Name}.");
        return stored == 4 && outcome is PinPublishOutcome.Published ? 0 : 1;
    }

    private static void Step(int number, string text) => Console.WriteLine($"[{number}/6] {text}");
}
