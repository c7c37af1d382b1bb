using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The authentication stage of <see cref="PinterestApiTransport"/>, around one <see cref="ApiExchange"/>: takes the
/// account's access token from its <see cref="IPinterestCredential"/>, and after a 401 (other than a missing scope,
/// 401 code 3, thrown as <see cref="PinterestInsufficientScopeException"/>) refreshes it and replays the identical
/// request exactly once per call. A 401 it cannot get past becomes
/// <see cref="PinterestReauthorizationRequiredException"/>; any other error answer is thrown as mapped. Requests that
/// authenticate otherwise (the OAuth token endpoint) pass straight through. It lives here rather than in a
/// <see cref="DelegatingHandler"/> so it works over any <see cref="HttpClient"/>.
/// </summary>
internal sealed class BearerAuthentication(ApiExchange exchange, ILogger logger)
{
    /// <summary>Throws, before anything is sent, when a bearer request has no account to authenticate as.</summary>
    /// <exception cref="InvalidOperationException">The request needs a bearer token and <paramref name="credential"/> is <see langword="null"/>.</exception>
    public static void EnsureCredential(PinterestApiRequest request, IPinterestCredential? credential)
    {
        if (request.Authentication == PinterestAuthentication.Bearer && credential is null)
        {
            throw new InvalidOperationException(
                $"Cannot {request.Operation}: this PinterestClient has no account. Call ForAccount(accountId) first, or create the client with an access token or a token store.");
        }
    }

    /// <summary>Sends one attempt of <paramref name="call"/>, replaying it once with a refreshed token after a 401.</summary>
    /// <returns>The answer of a success status, its body not yet read.</returns>
    public async Task<HttpResponseMessage> SendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        string? replayToken = null;
        while (true)
        {
            string? accessToken = null;
            if (request.Authentication == PinterestAuthentication.Bearer)
            {
                accessToken = replayToken ?? await call.Credential!.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            }

            var (answer, error) = await exchange.SendAsync(request, accessToken, call.SendAttempt, cancellationToken).ConfigureAwait(false);
            if (answer is not null)
            {
                return answer;
            }

            // A missing scope (401 code 3) is no expired token: a refresh would rotate the refresh token for nothing and
            // the replay would be refused the same way, so it is thrown as it is.
            if (error!.StatusCode == HttpStatusCode.Unauthorized && request.Authentication == PinterestAuthentication.Bearer
                && FailureClassifier.Classify(error) != FailureKind.MissingScope)
            {
                // A 401 proves the request was not processed: a failed refresh below is retried, never reconciled.
                call.SendAttempt?.MarkNotProcessed();
                replayToken = await RefreshOnceAsync(call, accessToken!, cancellationToken).ConfigureAwait(false);
                if (replayToken is not null)
                {
                    // The body is bytes: the replay is an identical request with the new token.
                    continue;
                }

                var credential = call.Credential!;
                ApiLog.ReauthorizationRequired(logger, request.Method.Method, request.Path, credential.AccountId);
                throw new PinterestReauthorizationRequiredException(
                    call.HasRefreshed && credential.AccountId is not null
                        ? $"Pinterest rejected the access token of account '{credential.AccountId}' for {request.Operation} even after a refresh: the account must be connected again through OAuth."
                        : $"Pinterest rejected the access token for {request.Operation} and it cannot be renewed: connect the account again through OAuth.",
                    credential.AccountId,
                    error);
            }

            throw request.MapError?.Invoke(error) ?? error;
        }
    }

    /// <summary>
    /// The token to replay with after Pinterest rejected <paramref name="rejectedToken"/>, or <see langword="null"/>
    /// when the call already refreshed once or the credential cannot refresh. It may be the rejected token itself: Pinterest
    /// answers the same token to refreshes in quick succession, and the credential judges when that counts as renewed.
    /// </summary>
    private async Task<string?> RefreshOnceAsync(ApiCall call, string rejectedToken, CancellationToken cancellationToken)
    {
        if (call.HasRefreshed)
        {
            return null;
        }

        call.HasRefreshed = true;
        var request = call.Request;
        var credential = call.Credential!;
        ApiLog.UnauthorizedRefreshing(logger, request.Method.Method, request.Path, credential.AccountId);
        var refreshed = await credential.RefreshAfterUnauthorizedAsync(rejectedToken, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(refreshed) ? null : refreshed;
    }
}
