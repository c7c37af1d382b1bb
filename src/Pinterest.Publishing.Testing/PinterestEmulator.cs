using System.Globalization;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

/// <summary>
/// A stateful, in-memory fake of Pinterest REST API v5: OAuth with rotating refresh tokens, the user account, boards and
/// sections, Pins of every media source type, video media with an S3-like upload endpoint and a processing state machine,
/// rate limits, trial access and injectable faults. Drive it through <see cref="CreateHandler"/> (in memory) or
/// <see cref="StartServerAsync"/> (a loopback HTTP server); both share one request-processing core. Thread-safe.
/// </summary>
/// <remarks>
/// The class is split by concern: this file holds the state and the transports; <c>.Arrange</c> seeds state,
/// <c>.Snapshots</c> reads it, <c>.Faults</c> injects faults and rate limits, <c>.Processing</c> runs one request,
/// <c>.Routes</c> maps it to a handler in <c>.Account</c>, <c>.Boards</c>, <c>.Pins</c> or <c>.Media</c>. What has its own
/// state or no need of the emulator's lives in <c>Internal/</c>: the OAuth authority, the fault registry, the rate
/// limiter, the request recorder, the video media store, the Pin draft readers and the JSON answer writers.
/// </remarks>
public sealed partial class PinterestEmulator : IAsyncDisposable, IDisposable
{
    /// <summary>The scopes <see cref="IssueTokens"/> grants by default.</summary>
    public const string DefaultScope = "boards:read,boards:write,pins:read,pins:write,user_accounts:read";

    private static readonly Uri InMemoryBaseAddress = new("http://pinterest.emulator/");

    private readonly PinterestEmulatorOptions _options;
    private readonly TimeProvider _time;

    // Guards the catalog: accounts, boards, sections and Pins (a Pin's create checks its board and section atomically).
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatedAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedBoard> _boards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedBoardSection> _sections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedPin> _pins = new(StringComparer.Ordinal);
    private readonly OAuthAuthority _oauth;
    private readonly VideoMediaStore _videos;
    private readonly FaultRegistry _faults = new();
    private readonly AccountRateLimiter _rateLimiter;
    private readonly RequestRecorder _recorder = new();
    private long _nextId = 1_125_899_906_842_624;
    private bool _trialAccess;
    private EmulatorHttpServer? _server;
    private bool _disposed;

    /// <summary>Creates an emulator.</summary>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public PinterestEmulator(PinterestEmulatorOptions? options = null)
    {
        _options = options ?? new PinterestEmulatorOptions();
        if (_options.BoardPinListingDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.BoardPinListingDelay, "PinterestEmulatorOptions.BoardPinListingDelay must be zero or more; set TimeSpan.Zero to list new Pins at once.");
        }

        if (_options.BoardPinListingDisorder is not (>= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.BoardPinListingDisorder, "PinterestEmulatorOptions.BoardPinListingDisorder must be from 0 to 1; set 0 to list strictly newest first.");
        }

        _time = _options.TimeProvider ?? TimeProvider.System;
        _oauth = new OAuthAuthority(_options, _time);
        _videos = new VideoMediaStore(_options, _time);
        _rateLimiter = new AccountRateLimiter(_time);
    }

    /// <summary>The base address for clients using <see cref="CreateHandler"/>: <c>http://pinterest.emulator/</c> (call <c>{base}v5/...</c>).
    /// The in-memory handler answers for any host, so this is a convention, not a requirement.</summary>
#pragma warning disable CA1822 // An instance member so callers write emulator.BaseAddress next to emulator.CreateHandler().
    public Uri BaseAddress => InMemoryBaseAddress;
#pragma warning restore CA1822

    /// <summary>The settings this emulator runs with.</summary>
    public PinterestEmulatorOptions Options => _options;

    /// <summary>The loopback server's base address once <see cref="StartServerAsync"/> has run.</summary>
    public Uri? ServerAddress => _server?.BaseAddress;

    /// <summary>When <see langword="true"/>, creating a Pin answers 403 code 29 like an app with Trial access on production.</summary>
    public bool TrialAccess
    {
        get { lock (_gate) { return _trialAccess; } }
        set { lock (_gate) { _trialAccess = value; } }
    }

    /// <summary>When <see langword="true"/>, every video uploaded from now on ends in <c>failed</c> instead of <c>succeeded</c>.</summary>
    public bool FailAllMediaProcessing
    {
        get => _videos.FailAll;
        set => _videos.FailAll = value;
    }

    internal TimeProvider Time => _time;

    /// <summary>Creates a handler that serves the emulator in memory; give it to an <see cref="HttpClient"/> whose base address is <see cref="BaseAddress"/>.</summary>
    /// <returns>A new handler; disposing it does not stop the emulator.</returns>
    public HttpMessageHandler CreateHandler() => new InMemoryEmulatorHandler(this);

    /// <summary>Creates an <see cref="HttpClient"/> over <see cref="CreateHandler"/> with <see cref="BaseAddress"/> set.</summary>
    /// <returns>The client.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler(), disposeHandler: true) { BaseAddress = BaseAddress };

    /// <summary>Serves the same routes over HTTP on a free loopback port (<c>http://127.0.0.1:{port}/</c>) until the emulator is disposed.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The server's base address. Calling again returns the running server's address.</returns>
    public Task<Uri> StartServerAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _server ??= EmulatorHttpServer.Start(this);
            return Task.FromResult(_server.BaseAddress);
        }
    }

    /// <summary>Stops the loopback server, if started.</summary>
    public void Dispose()
    {
        EmulatorHttpServer? server;
        lock (_gate)
        {
            _disposed = true;
            server = _server;
            _server = null;
        }

        server?.Dispose();
    }

    /// <summary>Stops the loopback server, if started.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
}
