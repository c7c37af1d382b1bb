using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;

// Proves the packed Pinterest.Publishing and Pinterest.Publishing.Testing install and work together:
// one image Pin published through IPinPublisher onto the in-memory emulator.
const string AccountId = "consumer-account";
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
var cancellationToken = cancellation.Token;

await using var emulator = new PinterestEmulator();
var user = emulator.AddAccount("consumer_user");
var board = emulator.AddBoard(user, "Package check");

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddPinterestPublishing(_ => { }).UsePinterestEmulator(emulator);
using var host = builder.Build();
await host.StartAsync(cancellationToken);

await host.Services.GetRequiredService<IPinterestTokenStore>()
    .StoreTokenAsync(AccountId, emulator.IssueTokens(user), cancellationToken);

var image = emulator.HostMedia(
    "pin-1000x1500.jpg",
    await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "media", "pin-1000x1500.jpg"), cancellationToken),
    "image/jpeg");

var publisher = host.Services.GetRequiredService<IPinPublisher>();
var result = await publisher.PublishAsync(new PublishPinRequest
{
    AccountId = AccountId,
    BoardId = board.Id,
    Title = "Installed from the package",
    AltText = "A test image",
    Media = PinMedia.Image(image),
}, cancellationToken);
await host.StopAsync(cancellationToken);

var stored = emulator.GetPins(board.Id).Any(pin => pin.Id == result.PinId);
Console.WriteLine($"Published Pin {result.PinId} with Pinterest.Publishing {typeof(IPinPublisher).Assembly.GetName().Version}; emulator holds it: {stored}");
return stored ? 0 : 1;
