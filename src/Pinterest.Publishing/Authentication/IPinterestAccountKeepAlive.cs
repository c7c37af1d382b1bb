
namespace Pinterest.Publishing.Authentication;

/// <summary>
/// Keeps a connected account's tokens alive while it is idle. Pinterest's refresh tokens last 60 days and each refresh
/// renews them, but the library refreshes only when it makes a call: an account with no call for the last 30 days of its
/// refresh token's life (its access token lapses at day 30) loses it, and the user must connect again. Call
/// <see cref="KeepAliveAsync"/> for each account now and then (daily is plenty); it refreshes only when the account is
/// due. Resolve it from dependency injection (<c>AddPinterestPublishing</c> registers it).
/// </summary>
public interface IPinterestAccountKeepAlive
{
    /// <summary>
    /// Refreshes the account's token when it is due: its access token expires within <c>Pinterest:TokenRefreshMargin</c>
    /// or its refresh token within <c>Pinterest:RefreshTokenRenewalMargin</c>. The rotated token is stored in the
    /// <see cref="IPinterestTokenStore"/> as after any refresh, and concurrent calls for the account share one refresh.
    /// </summary>
    /// <param name="accountId">The host's account id, as in the token store.</param>
    /// <param name="cancellationToken">Stops waiting; a refresh already sent still runs to its end and is stored.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="PinterestReauthorizationRequiredException">
    /// No token is stored for the account, Pinterest rejected its refresh token, or its access token has expired and
    /// there is no refresh token: the user must connect the account again.
    /// </exception>
    /// <exception cref="PinterestAppCredentialsException">Pinterest refused the app's client id or secret.</exception>
    /// <exception cref="PinterestApiException">
    /// The refresh failed transiently (<see cref="PinterestApiException.IsTransient"/>): try again later. An API call
    /// whose access token is still good goes on with it when only the refresh token's renewal fails (and tries the
    /// renewal again after a wait of a minute, doubling to an hour); this call surfaces the failure, whatever the wait.
    /// </exception>
    Task<PinterestKeepAliveResult> KeepAliveAsync(string accountId, CancellationToken cancellationToken = default);
}
