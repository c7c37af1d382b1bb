using Pinterest.Publishing.Sample;

// --web: a minimal web app that connects an account through the emulator's authorize page (WebDemo.cs).
if (args.Contains("--web"))
{
    return await WebDemo.RunAsync(args);
}

// Without PINTEREST_ACCESS_TOKEN the sample runs every step against the built-in Pinterest emulator, in memory.
// With it, it calls Pinterest (PINTEREST_ENVIRONMENT=sandbox for the sandbox).
var accessToken = Environment.GetEnvironmentVariable("PINTEREST_ACCESS_TOKEN");
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(5));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return string.IsNullOrWhiteSpace(accessToken)
        ? await EmulatorDemo.RunAsync(args, cancellation.Token)
        : await LiveDemo.RunAsync(args, accessToken, cancellation.Token);
}
catch (Exception ex)
{
    Console.Error.WriteLine($"FAILED: {ex.GetType().Name}: {ex.Message}");
    return 1;
}
