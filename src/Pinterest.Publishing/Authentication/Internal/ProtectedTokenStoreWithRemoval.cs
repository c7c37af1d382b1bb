using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>A <see cref="ProtectedTokenStore"/> over a store that can remove tokens: removal goes straight through (nothing to decrypt).</summary>
internal sealed class ProtectedTokenStoreWithRemoval : ProtectedTokenStore, IPinterestTokenStoreRemoval
{
    private readonly IPinterestTokenStoreRemoval _removal;

    internal ProtectedTokenStoreWithRemoval(IPinterestTokenStore inner, IDataProtectionProvider dataProtection, ILoggerFactory loggerFactory)
        : base(inner, dataProtection, loggerFactory) =>
        _removal = (IPinterestTokenStoreRemoval)inner;

    public Task<bool> RemoveTokenAsync(string accountId, CancellationToken cancellationToken = default) =>
        _removal.RemoveTokenAsync(accountId, cancellationToken);
}
