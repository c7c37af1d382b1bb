using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing;
using Pinterest.Publishing.Preflight;

// Usage:
//   Pinterest.Publishing.HostileInputRunner <video file>
//       validates the file as a video Pin through IPinPublisher.ValidateAsync, once with VideoSource.FromFile and once
//       with VideoSource.FromStream, and prints one verdict line per source ("file: valid", "stream: <codes>").
//   Pinterest.Publishing.HostileInputRunner --self-test-stack-overflow
//       recurses without end: proves that the harness reports a crash of this process as a failure.
if (args is ["--self-test-stack-overflow"])
{
    return Overflow.Recurse(0);
}

if (args is not [var path])
{
    await Console.Error.WriteLineAsync("usage: Pinterest.Publishing.HostileInputRunner <video file> | --self-test-stack-overflow");
    return 2;
}

var services = new ServiceCollection();
services.AddPinterestPublishing(_ => { });
await using var provider = services.BuildServiceProvider();
var publisher = provider.GetRequiredService<IPinPublisher>();

var fromFile = await publisher.ValidateAsync(Request(VideoSource.FromFile(path)));
Console.WriteLine($"file: {Verdict(fromFile)}");

await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
{
    var fromStream = await publisher.ValidateAsync(Request(VideoSource.FromStream(stream, "video/mp4")));
    Console.WriteLine($"stream: {Verdict(fromStream)}");
}

return 0;

static PublishPinRequest Request(VideoSource source) => new()
{
    AccountId = "hostile-input",
    BoardId = "549755885175",
    Media = PinMedia.Video(source),
};

static string Verdict(PreflightResult result) =>
    result.Issues.Count == 0 ? "valid" : string.Join(',', result.Issues.Select(i => i.Code).Order(StringComparer.Ordinal));

internal static class Overflow
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Recurse(int depth)
    {
        // A frame with a live local after the call: neither inlined nor turned into a loop.
        Span<byte> frame = stackalloc byte[64];
        frame[depth & 63] = 1;
        return Recurse(depth + 1) + frame[0];
    }
}
