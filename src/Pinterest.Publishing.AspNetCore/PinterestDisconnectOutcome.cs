
namespace Pinterest.Publishing.AspNetCore;

/// <summary>What <see cref="IPinterestAccountConnections.DisconnectAsync"/> did.</summary>
public enum PinterestDisconnectOutcome
{
    /// <summary>The account had no token: nothing to revoke or remove.</summary>
    NotConnected,

    /// <summary>Pinterest revoked the tokens and they were removed from the store.</summary>
    Revoked,

    /// <summary>
    /// Pinterest refused the revocation (or could not be reached); the tokens were removed from the store anyway. Tell the
    /// user they can also remove the app in their Pinterest settings.
    /// </summary>
    RemovedWithoutRevocation,

    /// <summary>
    /// The stored tokens could not be read (their Data Protection key is revoked or lost), so they could not be revoked at
    /// Pinterest; they were removed from the store. Tell the user to remove the app in their Pinterest settings.
    /// </summary>
    RemovedUnreadable,
}
