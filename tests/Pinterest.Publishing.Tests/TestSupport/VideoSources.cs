namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// One video's bytes as every source preflight reads: a file, a seekable stream, and a URL on a loopback server in the
/// three ways servers answer (Range honoured, Range ignored, HEAD answered 405 with Range honoured).
/// </summary>
internal sealed class VideoSources : IAsyncDisposable
{
    public const string File = "file";
    public const string Stream = "stream";
    public const string UrlRangeHonoured = "url, Range honoured";
    public const string UrlRangeIgnored = "url, Range ignored";
    public const string UrlHeadRefused = "url, HEAD answered 405";

    private readonly TempDirectory _files = new();
    private readonly List<IDisposable> _streams = [];
    private int _next;

    public static TheoryData<string> All => [File, Stream, UrlRangeHonoured, UrlRangeIgnored, UrlHeadRefused];

    public static TheoryData<string> Urls => [UrlRangeHonoured, UrlRangeIgnored, UrlHeadRefused];

    public LoopbackHttpServer Server { get; } = new();

    /// <summary>The path the last URL source was served at.</summary>
    public string? LastPath { get; private set; }

    public VideoSource Create(string kind, byte[] bytes)
    {
        var name = $"v{Interlocked.Increment(ref _next)}.mp4";
        switch (kind)
        {
            case File:
                return VideoSource.FromFile(_files.WriteFile(name, bytes));
            case Stream:
                var stream = new MemoryStream(bytes, writable: false);
                _streams.Add(stream);
                return VideoSource.FromStream(stream, "video/mp4");
            default:
                LastPath = "/" + name;
                Server.Map(LastPath, new LoopbackRoute
                {
                    Body = bytes,
                    ContentType = "video/mp4",
                    HonourRange = kind != UrlRangeIgnored,
                    RejectHead = kind == UrlHeadRefused,
                });
                return VideoSource.FromUrl(Server.Url(LastPath));
        }
    }

    /// <summary>The requests the last URL source received.</summary>
    public IReadOnlyList<LoopbackRequest> Requests() => Server.Requests.Where(r => r.Target == LastPath).ToArray();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _streams.ForEach(s => s.Dispose());
        _files.Dispose();
    }
}
