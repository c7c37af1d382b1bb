using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Sample;

/// <summary>
/// The same first steps against Pinterest with a real access token: PINTEREST_ACCESS_TOKEN, PINTEREST_ENVIRONMENT
/// (production or sandbox), and optionally PINTEREST_BOARD_ID with PINTEREST_IMAGE_URL to publish an image Pin.
/// </summary>
internal static class LiveDemo
{
    private const string AccountId = "live-account";

    public static async Task<int> RunAsync(string[] args, string accessToken, CancellationToken cancellationToken)
    {
        var sandbox = string.Equals(Environment.GetEnvironmentVariable("PINTEREST_ENVIRONMENT"), "sandbox", StringComparison.OrdinalIgnoreCase);
        Console.WriteLine($"Pinterest.Publishing sample — calling Pinterest {(sandbox ? "sandbox" : "production")}.");

        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPinterestPublishing(options =>
            options.Environment = sandbox ? PinterestEnvironment.Sandbox : PinterestEnvironment.Production);
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);

        // A token given on the command line cannot be refreshed: store it as valid for its usual 30 days.
        await host.Services.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync(
            AccountId,
            new PinterestToken { AccessToken = accessToken, ExpiresAt = DateTimeOffset.UtcNow.AddDays(30) },
            cancellationToken);

        var client = host.Services.GetRequiredService<PinterestClient>().ForAccount(AccountId);
        var user = await client.UserAccount.GetAsync(cancellationToken);
        Console.WriteLine($"[1] Connected as {user.Username} ({user.AccountType}).");
        var count = 0;
        await foreach (var board in client.Boards.GetBoardsAsync(cancellationToken: cancellationToken))
        {
            Console.WriteLine($"    board {board.Id}: {board.Name}");
            count++;
        }

        Console.WriteLine($"[2] Listed {count} boards.");

        var boardId = Environment.GetEnvironmentVariable("PINTEREST_BOARD_ID");
        var imageUrl = Environment.GetEnvironmentVariable("PINTEREST_IMAGE_URL");
        if (string.IsNullOrWhiteSpace(boardId) || !Uri.TryCreate(imageUrl, UriKind.Absolute, out var image))
        {
            Console.WriteLine("[3] Set PINTEREST_BOARD_ID and PINTEREST_IMAGE_URL to publish an image Pin.");
            return 0;
        }

        var result = await host.Services.GetRequiredService<IPinPublisher>().PublishAsync(new PublishPinRequest
        {
            AccountId = AccountId,
            BoardId = boardId,
            Title = "Published with Pinterest.Publishing",
            Media = PinMedia.Image(image),
        }, cancellationToken);
        Console.WriteLine($"[3] Published Pin {result.PinId}.");
        await host.StopAsync(cancellationToken);
        return 0;
    }
}
