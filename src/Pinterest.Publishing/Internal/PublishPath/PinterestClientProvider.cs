using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Builds <see cref="PinterestClient"/>s over the factory's named API client and the one process-wide token manager,
/// so token refresh is single-flight across every client and publish of the process.
/// </summary>
internal sealed class PinterestClientProvider
{
    private readonly PinterestApiTransportFactory _transports;
    private readonly PinterestTokenManager _tokenManager;

    public PinterestClientProvider(PinterestApiTransportFactory transports, PinterestTokenManager tokenManager)
    {
        ArgumentNullException.ThrowIfNull(transports);
        ArgumentNullException.ThrowIfNull(tokenManager);
        _transports = transports;
        _tokenManager = tokenManager;
    }

    /// <summary>A client without an account (OAuth works; other calls need <see cref="PinterestClient.ForAccount(string)"/>).</summary>
    public PinterestClient Create() => new(_transports.Create(), _tokenManager, credential: null, oauth: null);

    /// <summary>A client for one account (one client: not an account-less one and then its <see cref="PinterestClient.ForAccount(string)"/>).</summary>
    public PinterestClient ForAccount(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return new(_transports.Create(), _tokenManager, new TokenStoreCredential(_tokenManager, accountId), oauth: null);
    }
}
