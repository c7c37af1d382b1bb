using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Api;

/// <summary>
/// The low-level Pinterest REST API v5 client: typed calls grouped by resource. Create one with a fixed access token,
/// or over an <see cref="IPinterestTokenStore"/> for an account (tokens are refreshed and rotated automatically).
/// With dependency injection, resolve it and call <see cref="ForAccount(string)"/>.
/// </summary>
/// <remarks>
/// To mock it, derive from it (and from the sub-clients your code uses) with the protected constructor and override the
/// virtual members your test calls; a member that is not overridden and needs Pinterest throws <see cref="InvalidOperationException"/> saying so.
/// </remarks>
public class PinterestClient
{
    private readonly PinterestApiTransport? _transport;
    private readonly PinterestTokenManager? _tokenManager;
    private readonly IPinterestCredential? _credential;
    private readonly PinsClient? _pins;
    private readonly BoardsClient? _boards;
    private readonly MediaClient? _media;
    private readonly UserAccountClient? _userAccount;
    private readonly OAuthClient? _oauth;

    /// <summary>A client that sends a fixed access token (no refresh).</summary>
    /// <param name="httpClient">The HTTP client to send through; its base address is not used.</param>
    /// <param name="accessToken">The access token (production or sandbox, matching <see cref="PinterestClientOptions.Environment"/>).</param>
    /// <param name="options">Settings; defaults to production.</param>
    public PinterestClient(HttpClient httpClient, string accessToken, PinterestClientOptions? options = null)
        : this(OwnTransport(httpClient, options), tokenManager: null, new StaticAccessTokenCredential(accessToken), oauth: null)
    {
    }

    /// <summary>A client for <paramref name="accountId"/> whose tokens come from <paramref name="tokenStore"/>.</summary>
    /// <param name="httpClient">The HTTP client to send through; its base address is not used.</param>
    /// <param name="tokenStore">Where the account's tokens are read and the rotated ones stored.</param>
    /// <param name="accountId">The host's id of the account.</param>
    /// <param name="options">Settings; <see cref="PinterestClientOptions.ClientId"/> and <see cref="PinterestClientOptions.ClientSecret"/> are needed to refresh.</param>
    public PinterestClient(HttpClient httpClient, IPinterestTokenStore tokenStore, string accountId, PinterestClientOptions? options = null)
        : this(CreateForTokenStore(httpClient, tokenStore, accountId, options))
    {
    }

    /// <summary>For mocking: a client that is not connected to Pinterest. Override the members your test calls.</summary>
    protected PinterestClient()
    {
    }

    /// <summary>
    /// The dependency-injection constructor: a client without an account (OAuth works; other calls need
    /// <see cref="ForAccount(string)"/>) sharing a process-wide token manager.
    /// </summary>
    internal PinterestClient(HttpClient httpClient, PinterestClientOptions options, PinterestTokenManager? tokenManager, IPinterestCredential? credential = null, PinterestRetryPolicy? retryPolicy = null)
        : this(new PinterestApiTransport(httpClient, options, retryPolicy ?? OwnRetryPolicy(options)), tokenManager, credential, oauth: null)
    {
    }

    internal PinterestClient(PinterestApiTransport transport, PinterestTokenManager? tokenManager, IPinterestCredential? credential, OAuthClient? oauth)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _tokenManager = tokenManager;
        _credential = credential;
        _pins = new PinsClient(transport, credential);
        _boards = new BoardsClient(transport, credential);
        _media = new MediaClient(transport, credential);
        _userAccount = new UserAccountClient(transport, credential);
        _oauth = oauth ?? new OAuthClient(transport);
    }

    private PinterestClient((PinterestApiTransport Transport, PinterestTokenManager Manager, IPinterestCredential Credential) parts)
        : this(parts.Transport, parts.Manager, parts.Credential, oauth: null)
    {
    }

    /// <summary>The account this client calls for, or <see langword="null"/>.</summary>
    public virtual string? AccountId => _credential?.AccountId;

    /// <summary>Pins: create, get, delete, analytics.</summary>
    public virtual PinsClient Pins => _pins ?? throw ClientForMocking.NotConnected(this);

    /// <summary>Boards and board sections.</summary>
    public virtual BoardsClient Boards => _boards ?? throw ClientForMocking.NotConnected(this);

    /// <summary>Video media uploads.</summary>
    public virtual MediaClient Media => _media ?? throw ClientForMocking.NotConnected(this);

    /// <summary>The connected user's account and analytics.</summary>
    public virtual UserAccountClient UserAccount => _userAccount ?? throw ClientForMocking.NotConnected(this);

    /// <summary>OAuth: authorize URL, code exchange, refresh.</summary>
    public virtual OAuthClient OAuth => _oauth ?? throw ClientForMocking.NotConnected(this);

    /// <summary>The API transport (shared by <see cref="ForAccount(string)"/> clients).</summary>
    internal PinterestApiTransport Transport => _transport ?? throw ClientForMocking.NotConnected(this);

    /// <summary>The credential of this client's account, or <see langword="null"/>.</summary>
    internal IPinterestCredential? Credential => _credential;

    /// <summary>A client for another account sharing this one's HTTP transport and token refresh state.</summary>
    /// <exception cref="InvalidOperationException">This client uses a fixed access token: it has no token store to read other accounts from.</exception>
    public virtual PinterestClient ForAccount(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var transport = _transport ?? throw ClientForMocking.NotConnected(this);
        if (_tokenManager is null)
        {
            throw new InvalidOperationException("ForAccount needs a client created over a token store (or resolved from dependency injection); this client sends a fixed access token.");
        }

        return new PinterestClient(transport, _tokenManager, new TokenStoreCredential(_tokenManager, accountId), _oauth);
    }

    // The same pieces as with dependency injection, for this client alone: its transport, a refresher over that
    // transport, and a token manager over the store.
    private static (PinterestApiTransport, PinterestTokenManager, IPinterestCredential) CreateForTokenStore(
        HttpClient httpClient, IPinterestTokenStore tokenStore, string accountId, PinterestClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tokenStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        options ??= new PinterestClientOptions();
        var transport = OwnTransport(httpClient, options);

        // A public entry point without dependency injection: it alone chooses the shared telemetry.
        var manager = new PinterestTokenManager(
            tokenStore,
            new PinterestTokenRefresher(transport),
            transport.TimeProvider,
            transport.TokenRefreshMargin,
            transport.LoggerFactory.CreateLogger(AuthenticationLog.CategoryName),
            options.Telemetry ?? PinterestTelemetry.Shared,
            options.RefreshTokenRenewalMargin);
        return (transport, manager, new TokenStoreCredential(manager, accountId));
    }

    // Without dependency injection this public entry point chooses the telemetry (the options' when set, else the
    // shared instance) and passes it down: nothing deeper falls back to the shared one.
    private static PinterestApiTransport OwnTransport(HttpClient httpClient, PinterestClientOptions? options)
    {
        options ??= new PinterestClientOptions();
        return new PinterestApiTransport(httpClient, options, OwnRetryPolicy(options));
    }

    private static PinterestRetryPolicy OwnRetryPolicy(PinterestClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PinterestRetryPolicy(options, options.Telemetry ?? PinterestTelemetry.Shared);
    }
}
