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
    private readonly PinterestPipelineFactory _pipelines;
    private readonly PinterestTokenManager _tokenManager;

    public PinterestClientProvider(PinterestPipelineFactory pipelines, PinterestTokenManager tokenManager)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(tokenManager);
        _pipelines = pipelines;
        _tokenManager = tokenManager;
    }

    /// <summary>A client without an account (OAuth works; other calls need <see cref="PinterestClient.ForAccount(string)"/>).</summary>
    public PinterestClient Create() => new(_pipelines.Create(), _tokenManager, credential: null, oauth: null);

    /// <summary>A client for one account (one client: not an account-less one and then its <see cref="PinterestClient.ForAccount(string)"/>).</summary>
    public PinterestClient ForAccount(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        return new(_pipelines.Create(), _tokenManager, new TokenStoreCredential(_tokenManager, accountId), oauth: null);
    }
}
