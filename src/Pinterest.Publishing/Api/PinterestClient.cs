using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Api;

/// <summary>
/// The low-level Pinterest REST API v5 client: typed calls grouped by resource. Create one with a fixed access token,
/// or over an <see cref="IPinterestTokenStore"/> for an account (tokens are refreshed and rotated automatically).
/// With dependency injection, resolve it and call <see cref="ForAccount(string)"/>.
/// </summary>
public sealed class PinterestClient
{
    /// <summary>A client that sends a fixed access token (no refresh).</summary>
    public PinterestClient(HttpClient httpClient, string accessToken, PinterestClientOptions? options = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>A client for <paramref name="accountId"/> whose tokens come from <paramref name="tokenStore"/>.</summary>
    public PinterestClient(HttpClient httpClient, IPinterestTokenStore tokenStore, string accountId, PinterestClientOptions? options = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>The account this client calls for, or <see langword="null"/>.</summary>
    public string? AccountId { get; }

    /// <summary>Pins: create, get, delete, analytics.</summary>
    public PinsClient Pins { get; } = null!;

    /// <summary>Boards and board sections.</summary>
    public BoardsClient Boards { get; } = null!;

    /// <summary>Video media uploads.</summary>
    public MediaClient Media { get; } = null!;

    /// <summary>The connected user's account and analytics.</summary>
    public UserAccountClient UserAccount { get; } = null!;

    /// <summary>OAuth: authorize URL, code exchange, refresh.</summary>
    public OAuthClient OAuth { get; } = null!;

    /// <summary>A client for another account sharing this one's HTTP pipeline and token refresh state.</summary>
    public PinterestClient ForAccount(string accountId) => throw new NotImplementedException();
}
