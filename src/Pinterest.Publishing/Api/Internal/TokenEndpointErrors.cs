using System.Net;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// What the token endpoint's refusals mean: the account (connect again), the app (its client credentials) or neither.
/// A refresh is never refused "because of the draft", so no refusal of it may reach the scheduler as a bad Pin.
/// </summary>
internal static class TokenEndpointErrors
{
    /// <summary>The exception a refused refresh raises, or <see langword="null"/> to keep Pinterest's error.</summary>
    /// <param name="error">Pinterest's refusal.</param>
    public static Exception? MapRefresh(PinterestApiException error) => error switch
    {
        { ErrorCode: OAuthClient.InvalidGrantErrorCode, StatusCode: >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError } => new PinterestReauthorizationRequiredException(
            $"Pinterest rejected the refresh token (HTTP {(int)error.StatusCode}, code {OAuthClient.InvalidGrantErrorCode}: the authorization grant is invalid, spent, expired or revoked): the account must be connected again through OAuth.",
            error),
        _ when AppCredentials(error, "refreshing a token") is { } appCredentials => appCredentials,

        // Any other refusal of the refresh: the grant could not be used. Conservative: the account is to be
        // connected again; what was being published is not at fault, so it must not be rejected as a bad draft.
        { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized } => new PinterestReauthorizationRequiredException(
            $"Pinterest refused the refresh of the token (HTTP {(int)error.StatusCode}{(error.ErrorCode is { } code ? $", code {code}" : string.Empty)}): the grant could not be used, so the account must be connected again through OAuth.",
            error),
        _ => null,
    };

    /// <summary>
    /// The app-configuration error for Pinterest's 401 code 2 at the token endpoint (client authentication failed), or
    /// <see langword="null"/> for any other answer. Its message names the settings, never their values.
    /// </summary>
    /// <param name="error">Pinterest's refusal.</param>
    /// <param name="doing">What was attempted, for the message.</param>
    public static PinterestAppCredentialsException? AppCredentials(PinterestApiException error, string doing) =>
        error is { StatusCode: HttpStatusCode.Unauthorized, ErrorCode: OAuthClient.ClientAuthenticationFailedErrorCode }
            ? new PinterestAppCredentialsException(
                $"Pinterest refused the app's client credentials when {doing} (HTTP 401, code {OAuthClient.ClientAuthenticationFailedErrorCode}): check Pinterest:ClientId and Pinterest:ClientSecret (PinterestClientOptions.ClientId and ClientSecret without dependency injection); the secret may be wrong or rotated in the Pinterest developer portal. This is the app's configuration: no account needs connecting again.",
                error)
            : null;
}
