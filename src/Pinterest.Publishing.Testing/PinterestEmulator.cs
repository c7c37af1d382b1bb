using System.Globalization;
using System.Security.Cryptography;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

/// <summary>
/// A stateful, in-memory fake of Pinterest REST API v5: OAuth with rotating refresh tokens, the user account, boards and
/// sections, Pins of every media source type, video media with an S3-like upload endpoint and a processing state machine,
/// rate limits, trial access and injectable faults. Drive it through <see cref="CreateHandler"/> (in memory) or
/// <see cref="StartServerAsync"/> (a loopback HTTP server); both share one request-processing core. Thread-safe.
/// </summary>
public sealed partial class PinterestEmulator : IAsyncDisposable, IDisposable
{
    /// <summary>The scopes <see cref="IssueTokens"/> grants by default.</summary>
    public const string DefaultScope = "boards:read,boards:write,pins:read,pins:write,user_accounts:read";

    private readonly PinterestEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatedAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationGrant> _authorizationCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedBoard> _boards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedBoardSection> _sections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedPin> _pins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MediaState> _media = new(StringComparer.Ordinal);
    private readonly List<EmulatedRequest> _requests = [];
    private readonly List<EmulatedUpload> _uploads = [];
    private readonly List<EmulatorFaultRegistration> _faults = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _rateWindows = new(StringComparer.Ordinal);
    private long _nextId = 1_125_899_906_842_624;
    private int _tokenRefreshCount;
    private int _authorizationCodeExchangeCount;
    private bool _trialAccess;
    private bool _failAllMediaProcessing;
    private RateLimit? _rateLimit;
    private EmulatorHttpServer? _server;
    private bool _disposed;

    /// <summary>Creates an emulator.</summary>
    /// <param name="options">Settings; defaults when <see langword="null"/>.</param>
    public PinterestEmulator(PinterestEmulatorOptions? options = null)
    {
        _options = options ?? new PinterestEmulatorOptions();
        _time = _options.TimeProvider ?? TimeProvider.System;
    }

    private static readonly Uri InMemoryBaseAddress = new("http://pinterest.emulator/");

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
        get { lock (_gate) { return _failAllMediaProcessing; } }
        set { lock (_gate) { _failAllMediaProcessing = value; } }
    }

    /// <summary>How many successful <c>refresh_token</c> grants the token endpoint has served.</summary>
    public int TokenRefreshCount => Volatile.Read(ref _tokenRefreshCount);

    /// <summary>How many successful <c>authorization_code</c> grants the token endpoint has served.</summary>
    public int AuthorizationCodeExchangeCount => Volatile.Read(ref _authorizationCodeExchangeCount);

    /// <summary>A snapshot of every request received since creation or the last <see cref="ResetRequests"/>, in arrival order.</summary>
    public IReadOnlyList<EmulatedRequest> Requests
    {
        get { lock (_gate) { return _requests.ToArray(); } }
    }

    /// <summary>A snapshot of every request to the upload endpoint, in completion order.</summary>
    public IReadOnlyList<EmulatedUpload> Uploads
    {
        get { lock (_gate) { return _uploads.ToArray(); } }
    }

    /// <summary>A snapshot of every stored Pin, oldest first.</summary>
    public IReadOnlyList<EmulatedPin> Pins
    {
        get { lock (_gate) { return _pins.Values.OrderBy(p => long.Parse(p.Id, CultureInfo.InvariantCulture)).ToArray(); } }
    }

    /// <summary>A snapshot of every board, oldest first.</summary>
    public IReadOnlyList<EmulatedBoard> Boards
    {
        get { lock (_gate) { return _boards.Values.OrderBy(b => long.Parse(b.Id, CultureInfo.InvariantCulture)).ToArray(); } }
    }

    /// <summary>A snapshot of every registered video upload with its current status.</summary>
    public IReadOnlyList<EmulatedMedia> Media
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return _media.Values.OrderBy(m => long.Parse(m.MediaId, CultureInfo.InvariantCulture)).Select(m => m.Snapshot(now, _options.VideoProcessingTime)).ToArray();
            }
        }
    }

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

    /// <summary>Adds a user account.</summary>
    /// <param name="username">The username; generated when <see langword="null"/>.</param>
    /// <returns>The account.</returns>
    public EmulatedAccount AddAccount(string? username = null)
    {
        var id = NextId();
        var account = new EmulatedAccount(id, username ?? "emulated_user_" + id[^6..]);
        lock (_gate)
        {
            _accounts[id] = account;
        }

        return account;
    }

    /// <summary>Issues an access token and a refresh token for <paramref name="account"/>, as if the user had just authorised the app.</summary>
    /// <param name="account">The account.</param>
    /// <param name="scope">The comma-separated scopes.</param>
    /// <returns>The tokens with their expiry times on the emulator's clock.</returns>
    public PinterestToken IssueTokens(EmulatedAccount account, string scope = DefaultScope)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            EnsureAccount(account.Id);
            return IssueTokensLocked(account.Id, scope);
        }
    }

    /// <summary>Creates a single-use OAuth authorization code, as Pinterest would hand to <paramref name="redirectUri"/>.</summary>
    /// <param name="account">The account that authorised the app.</param>
    /// <param name="redirectUri">The redirect URI the code exchange must repeat.</param>
    /// <param name="scope">The granted comma-separated scopes.</param>
    /// <returns>The code.</returns>
    public string CreateAuthorizationCode(EmulatedAccount account, Uri redirectUri, string scope = DefaultScope)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(redirectUri);
        var code = RandomToken("pinc_");
        lock (_gate)
        {
            EnsureAccount(account.Id);
            _authorizationCodes[code] = new AuthorizationGrant(account.Id, redirectUri.OriginalString, scope);
        }

        return code;
    }

    /// <summary>Revokes every access and refresh token of <paramref name="account"/> (the user disconnected the app).</summary>
    /// <param name="account">The account.</param>
    public void RevokeTokens(EmulatedAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            RemoveWhere(_accessTokens, g => g.AccountId == account.Id);
            RemoveWhere(_refreshTokens, g => g.AccountId == account.Id);
        }
    }

    /// <summary>Adds a board.</summary>
    /// <param name="account">The owner.</param>
    /// <param name="name">The board name.</param>
    /// <param name="description">The description.</param>
    /// <param name="privacy"><c>PUBLIC</c>, <c>PROTECTED</c> or <c>SECRET</c>.</param>
    /// <returns>The board, with a numeric id.</returns>
    public EmulatedBoard AddBoard(EmulatedAccount account, string name, string? description = null, string privacy = "PUBLIC")
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            EnsureAccount(account.Id);
            return AddBoardLocked(account.Id, name, description, privacy);
        }
    }

    /// <summary>Adds a section to a board.</summary>
    /// <param name="board">The board.</param>
    /// <param name="name">The section name.</param>
    /// <returns>The section.</returns>
    public EmulatedBoardSection AddBoardSection(EmulatedBoard board, string name)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            if (!_boards.ContainsKey(board.Id))
            {
                throw new ArgumentException("The board does not belong to this emulator.", nameof(board));
            }

            var section = new EmulatedBoardSection(NextId(), board.Id, name);
            _sections[section.Id] = section;
            return section;
        }
    }

    /// <summary>Stores an image Pin directly, e.g. one "created" by an earlier attempt whose response was lost.</summary>
    /// <param name="board">The board.</param>
    /// <param name="imageUrl">The image URL.</param>
    /// <param name="title">The title.</param>
    /// <param name="description">The description.</param>
    /// <param name="link">The destination link.</param>
    /// <returns>The Pin.</returns>
    public EmulatedPin AddPin(EmulatedBoard board, Uri imageUrl, string? title = null, string? description = null, Uri? link = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(imageUrl);
        lock (_gate)
        {
            if (!_boards.ContainsKey(board.Id))
            {
                throw new ArgumentException("The board does not belong to this emulator.", nameof(board));
            }

            var pin = new EmulatedPin
            {
                Id = NextId(),
                AccountId = board.AccountId,
                BoardId = board.Id,
                Title = title,
                Description = description,
                Link = link?.OriginalString,
                MediaSourceType = "image_url",
                Images = [new EmulatedPinImage { Url = imageUrl.OriginalString }],
                CreatedAt = _time.GetUtcNow(),
            };
            _pins[pin.Id] = pin;
            return pin;
        }
    }

    /// <summary>The stored Pins, oldest first, optionally only those of one board.</summary>
    /// <param name="boardId">The board id, or <see langword="null"/> for every Pin.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<EmulatedPin> GetPins(string? boardId = null) =>
        boardId is null ? Pins : Pins.Where(p => p.BoardId == boardId).ToArray();

    /// <summary>A stored Pin by id.</summary>
    /// <param name="pinId">The Pin id.</param>
    /// <returns>The Pin, or <see langword="null"/>.</returns>
    public EmulatedPin? FindPin(string pinId)
    {
        lock (_gate)
        {
            return _pins.GetValueOrDefault(pinId);
        }
    }

    /// <summary>The sections of a board.</summary>
    /// <param name="boardId">The board id.</param>
    /// <returns>A snapshot, oldest first.</returns>
    public IReadOnlyList<EmulatedBoardSection> GetBoardSections(string boardId)
    {
        lock (_gate)
        {
            return _sections.Values.Where(s => s.BoardId == boardId).OrderBy(s => long.Parse(s.Id, CultureInfo.InvariantCulture)).ToArray();
        }
    }

    /// <summary>A registered video upload with its current status.</summary>
    /// <param name="mediaId">The media id.</param>
    /// <returns>The snapshot, or <see langword="null"/> when unknown.</returns>
    public EmulatedMedia? GetMedia(string mediaId)
    {
        lock (_gate)
        {
            return _media.TryGetValue(mediaId, out var media) ? media.Snapshot(_time.GetUtcNow(), _options.VideoProcessingTime) : null;
        }
    }

    /// <summary>Makes a video end in <c>failed</c> once its processing time has elapsed (or at once if it already has).</summary>
    /// <param name="mediaId">The media id.</param>
    public void FailMediaProcessing(string mediaId)
    {
        lock (_gate)
        {
            if (!_media.TryGetValue(mediaId, out var media))
            {
                throw new ArgumentException("Unknown media id.", nameof(mediaId));
            }

            media.ForceFail = true;
        }
    }

    /// <summary>Limits every account to <paramref name="maxRequests"/> API requests per sliding <paramref name="window"/> on the
    /// emulator's clock; further requests answer 429 code 8. The OAuth token endpoint and uploads are not limited.</summary>
    /// <param name="maxRequests">Requests allowed per window.</param>
    /// <param name="window">The window.</param>
    /// <param name="sendRetryAfter">Whether 429 answers carry a <c>Retry-After</c> header (Pinterest does not promise one).</param>
    public void SetRateLimit(int maxRequests, TimeSpan window, bool sendRetryAfter = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRequests);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        lock (_gate)
        {
            _rateLimit = new RateLimit(maxRequests, window, sendRetryAfter);
            _rateWindows.Clear();
        }
    }

    /// <summary>Removes the rate limit.</summary>
    public void ClearRateLimit()
    {
        lock (_gate)
        {
            _rateLimit = null;
            _rateWindows.Clear();
        }
    }

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> requests matching <paramref name="route"/>.</summary>
    /// <param name="route">A method and path pattern such as <c>POST /v5/pins</c> or <c>GET /v5/media/{media_id}</c>: <c>*</c> or
    /// <c>{name}</c> matches one segment, a trailing <c>**</c> any number of segments (<c>/v5/**</c>, or <c>**</c> for every path),
    /// and a method of <c>*</c> (or no method) every method.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many matching requests get the fault.</param>
    /// <returns>A registration; dispose it to remove the fault early.</returns>
    public EmulatorFaultRegistration InjectFault(string route, EmulatorFault fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return AddFault(route, fault, count, 0, null);
    }

    /// <summary>Applies <paramref name="fault"/> to each request matching <paramref name="route"/> with probability
    /// <paramref name="probability"/>, drawn from a <see cref="Random"/> seeded with <paramref name="seed"/> (chaos tests), until removed.</summary>
    /// <param name="route">A route pattern, as for <see cref="InjectFault(string, EmulatorFault, int)"/>.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="probability">Between 0 and 1.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>A registration; dispose it to remove the fault.</returns>
    public EmulatorFaultRegistration InjectFault(string route, EmulatorFault fault, double probability, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
#pragma warning disable CA5394 // Reproducible chaos needs a seeded, non-cryptographic generator.
        return AddFault(route, fault, 0, probability, new Random(seed));
#pragma warning restore CA5394
    }

    /// <summary>Removes every injected fault.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Forgets the recorded <see cref="Requests"/> and <see cref="Uploads"/>.</summary>
    public void ResetRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
            _uploads.Clear();
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

    internal TimeProvider Time => _time;

    private EmulatorFaultRegistration AddFault(string route, EmulatorFault fault, int count, double probability, Random? random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        ArgumentNullException.ThrowIfNull(fault);
        var parts = route.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (method, path) = parts.Length == 2 ? (parts[0], parts[1]) : ("*", parts[0]);
        var segments = SplitPath(path.Split('?')[0]);
        var registration = new EmulatorFaultRegistration(method.ToUpperInvariant(), segments, fault, count, probability, random, RemoveFault);
        lock (_gate)
        {
            _faults.Add(registration);
        }

        return registration;
    }

    private void RemoveFault(EmulatorFaultRegistration registration)
    {
        lock (_gate)
        {
            _faults.Remove(registration);
        }
    }

    private EmulatorFault? TakeFault(string method, string[] segments)
    {
        lock (_gate)
        {
            foreach (var registration in _faults)
            {
                if (registration.Matches(method, segments) && registration.TryConsume())
                {
                    if (registration.IsExhausted)
                    {
                        _faults.Remove(registration);
                    }

                    return registration.Fault;
                }
            }
        }

        return null;
    }

    internal static string[] SplitPath(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private static string RandomToken(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string NewRequestId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private void EnsureAccount(string accountId)
    {
        if (!_accounts.ContainsKey(accountId))
        {
            throw new ArgumentException("The account does not belong to this emulator.", nameof(accountId));
        }
    }

    private PinterestToken IssueTokensLocked(string accountId, string scope)
    {
        var now = _time.GetUtcNow();
        var access = RandomToken("pina_");
        var refresh = RandomToken("pinr_");
        var token = new PinterestToken
        {
            AccessToken = access,
            ExpiresAt = now + _options.AccessTokenLifetime,
            RefreshToken = refresh,
            RefreshTokenExpiresAt = now + _options.RefreshTokenLifetime,
            Scope = scope,
        };
        _accessTokens[access] = new AccessGrant(accountId, scope, token.ExpiresAt);
        _refreshTokens[refresh] = new AccessGrant(accountId, scope, token.RefreshTokenExpiresAt.Value);
        return token;
    }

    private EmulatedBoard AddBoardLocked(string accountId, string name, string? description, string privacy)
    {
        var board = new EmulatedBoard
        {
            Id = NextId(),
            AccountId = accountId,
            Name = name,
            Description = description,
            Privacy = privacy,
            CreatedAt = _time.GetUtcNow(),
        };
        _boards[board.Id] = board;
        return board;
    }

    private static void RemoveWhere<TValue>(Dictionary<string, TValue> dictionary, Func<TValue, bool> predicate)
    {
        foreach (var key in dictionary.Where(pair => predicate(pair.Value)).Select(pair => pair.Key).ToArray())
        {
            dictionary.Remove(key);
        }
    }

    private sealed record AccessGrant(string AccountId, string Scope, DateTimeOffset ExpiresAt);

    private sealed record AuthorizationGrant(string AccountId, string RedirectUri, string Scope);

    private sealed record RateLimit(int MaxRequests, TimeSpan Window, bool SendRetryAfter);
}
