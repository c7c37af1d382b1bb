namespace Pinterest.Publishing.Events;

/// <summary>Why an account cannot publish until someone acts (<see cref="ReauthorizationRequiredEvent.Reason"/>).</summary>
public enum PinterestReauthorizationReason
{
    /// <summary>The account's tokens are missing, expired or revoked: the user must connect the account again.</summary>
    RevokedGrant = 0,

    /// <summary>
    /// The token lacks a scope (<see cref="ReauthorizationRequiredEvent.RequiredScopes"/>): request those scopes when a
    /// user connects, then have the user connect the account again.
    /// </summary>
    MissingScope = 1,

    /// <summary>Pinterest refused the app's own client id or secret: fix <c>Pinterest:ClientId</c> and <c>Pinterest:ClientSecret</c>; no reconnect needed.</summary>
    AppCredentials = 2,
}
