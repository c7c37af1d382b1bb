using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The token manager's refresher: the OAuth <c>refresh_token</c> grant, sent through the API layer's transport. It lives
/// here, above the Authentication layer that calls it through <see cref="IPinterestTokenRefresher"/>, because the
/// refresh is an API call; it is a service of its own (a singleton with dependency injection), not a client's.
/// </summary>
internal sealed class PinterestTokenRefresher : IPinterestTokenRefresher
{
    private readonly Func<PinterestApiTransport> _transport;

    /// <summary>A refresher that sends every refresh through <paramref name="transport"/> (a non-DI client's own).</summary>
    public PinterestTokenRefresher(PinterestApiTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = () => transport;
    }

    /// <summary>
    /// A refresher that takes a new transport for each refresh: the token manager outlives any one
    /// <see cref="HttpClient"/> from the factory.
    /// </summary>
    public PinterestTokenRefresher(PinterestApiTransportFactory transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        _transport = transports.Create;
    }

    /// <inheritdoc/>
    public Task<PinterestToken> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        new OAuthClient(_transport()).RefreshKeepingRotatedTokenAsync(refreshToken, cancellationToken);
}
