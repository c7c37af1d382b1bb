using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api;

/// <summary>
/// The low-level Pinterest REST API v5 client: typed calls grouped by resource. Create one with a fixed access token,
/// or over an <see cref="IPinterestTokenStore"/> for an account (tokens are refreshed and rotated automatically).
/// With dependency injection, resolve it and call <see cref="ForAccount(string)"/>.
/// </summary>
public sealed class PinterestClient
{
    private readonly PinterestPipeline _pipeline;
    private readonly PinterestTokenManager? _tokenManager;
    private readonly IPinterestCredential? _credential;

    /// <summary>A client that sends a fixed access token (no refresh).</summary>
    /// <param name="httpClient">The HTTP client to send through; its base address is not used.</param>
    /// <param name="accessToken">The access token (production or sandbox, matching <see cref="PinterestClientOptions.Environment"/>).</param>
    /// <param name="options">Settings; defaults to production.</param>
    public PinterestClient(HttpClient httpClient, string accessToken, PinterestClientOptions? options = null)
        : this(new PinterestPipeline(httpClient, options ?? new PinterestClientOptions()), tokenManager: null, new StaticAccessTokenCredential(accessToken), oauth: null)
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

    /// <summary>
    /// The dependency-injection constructor: a client without an account (OAuth works; other calls need
    /// <see cref="ForAccount(string)"/>) sharing a process-wide token manager.
    /// </summary>
    internal PinterestClient(HttpClient httpClient, PinterestClientOptions options, PinterestTokenManager? tokenManager, IPinterestCredential? credential = null, PinterestRetryPolicy? retryPolicy = null)
        : this(new PinterestPipeline(httpClient, options, retryPolicy), tokenManager, credential, oauth: null)
    {
    }

    internal PinterestClient(PinterestPipeline pipeline, PinterestTokenManager? tokenManager, IPinterestCredential? credential, OAuthClient? oauth)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _tokenManager = tokenManager;
        _credential = credential;
        Pins = new PinsClient(pipeline, credential);
        Boards = new BoardsClient(pipeline, credential);
        Media = new MediaClient(pipeline, credential);
        UserAccount = new UserAccountClient(pipeline, credential);
        OAuth = oauth ?? new OAuthClient(pipeline);
    }

    private PinterestClient((PinterestPipeline Pipeline, PinterestTokenManager Manager, IPinterestCredential Credential) parts)
        : this(parts.Pipeline, parts.Manager, parts.Credential, oauth: null)
    {
    }

    /// <summary>The account this client calls for, or <see langword="null"/>.</summary>
    public string? AccountId => _credential?.AccountId;

    /// <summary>Pins: create, get, delete, analytics.</summary>
    public PinsClient Pins { get; }

    /// <summary>Boards and board sections.</summary>
    public BoardsClient Boards { get; }

    /// <summary>Video media uploads.</summary>
    public MediaClient Media { get; }

    /// <summary>The connected user's account and analytics.</summary>
    public UserAccountClient UserAccount { get; }

    /// <summary>OAuth: authorize URL, code exchange, refresh.</summary>
    public OAuthClient OAuth { get; }

    /// <summary>The request pipeline (shared by <see cref="ForAccount(string)"/> clients).</summary>
    internal PinterestPipeline Pipeline => _pipeline;

    /// <summary>The credential of this client's account, or <see langword="null"/>.</summary>
    internal IPinterestCredential? Credential => _credential;

    /// <summary>A client for another account sharing this one's HTTP pipeline and token refresh state.</summary>
    /// <exception cref="InvalidOperationException">This client uses a fixed access token: it has no token store to read other accounts from.</exception>
    public PinterestClient ForAccount(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (_tokenManager is null)
        {
            throw new InvalidOperationException("ForAccount needs a client created over a token store (or resolved from dependency injection); this client sends a fixed access token.");
        }

        return new PinterestClient(_pipeline, _tokenManager, new TokenStoreCredential(_tokenManager, accountId), OAuth);
    }

    // The same pieces as with dependency injection, for this client alone: its pipeline, a refresher over that
    // pipeline, and a token manager over the store.
    private static (PinterestPipeline, PinterestTokenManager, IPinterestCredential) CreateForTokenStore(
        HttpClient httpClient, IPinterestTokenStore tokenStore, string accountId, PinterestClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tokenStore);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var pipeline = new PinterestPipeline(httpClient, options ?? new PinterestClientOptions());
        var manager = new PinterestTokenManager(
            tokenStore,
            new PinterestTokenRefresher(pipeline),
            pipeline.TimeProvider,
            pipeline.TokenRefreshMargin,
            pipeline.LoggerFactory.CreateLogger(AuthenticationLog.CategoryName));
        return (pipeline, manager, new TokenStoreCredential(manager, accountId));
    }
}
