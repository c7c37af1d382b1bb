
namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>The keep-alive service: the token manager's refresh-if-due, for hosts to call on idle accounts.</summary>
internal sealed class PinterestAccountKeepAlive(PinterestTokenManager manager) : IPinterestAccountKeepAlive
{
    public Task<PinterestKeepAliveResult> KeepAliveAsync(string accountId, CancellationToken cancellationToken = default) =>
        manager.KeepAliveAsync(accountId, cancellationToken);
}
