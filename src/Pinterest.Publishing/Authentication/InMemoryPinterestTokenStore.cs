using System.Collections.Concurrent;

namespace Pinterest.Publishing.Authentication;

/// <summary>
/// A token store in process memory, for samples, tests and single-instance tools. Tokens are lost when the process
/// ends: production hosts implement <see cref="IPinterestTokenStore"/> over their database.
/// </summary>
public sealed class InMemoryPinterestTokenStore : IPinterestTokenStore, IPinterestTokenStoreRemoval
{
    private readonly ConcurrentDictionary<string, PinterestToken> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_tokens.TryGetValue(accountId, out var token) ? token : null);
    }

    /// <inheritdoc />
    public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        _tokens[accountId] = token;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> RemoveTokenAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_tokens.TryRemove(accountId, out _));
    }
}
