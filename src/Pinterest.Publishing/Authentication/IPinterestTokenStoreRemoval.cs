
namespace Pinterest.Publishing.Authentication;

/// <summary>
/// A token store that can delete an account's tokens: implement it next to <see cref="IPinterestTokenStore"/> so that
/// disconnecting an account (the ASP.NET Core package's <c>IPinterestAccountConnections.DisconnectAsync</c>) removes them.
/// Optional: a store without it keeps working for everything else.
/// </summary>
public interface IPinterestTokenStoreRemoval
{
    /// <summary>Deletes the account's token; no error when it has none.</summary>
    /// <param name="accountId">The host's id of the account.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns><see langword="true"/> when a token was deleted, <see langword="false"/> when the account had none.</returns>
    Task<bool> RemoveTokenAsync(string accountId, CancellationToken cancellationToken = default);
}
