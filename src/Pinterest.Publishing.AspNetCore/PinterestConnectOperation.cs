
namespace Pinterest.Publishing.AspNetCore;

/// <summary>Which endpoint a <see cref="PinterestConnectFailedContext"/> comes from.</summary>
public enum PinterestConnectOperation
{
    /// <summary>
    /// Connecting: <c>GET {prefix}/connect</c> or the callback. A failed connect stored no token (the account keeps the
    /// token it had, if any).
    /// </summary>
    Connect,

    /// <summary>
    /// Disconnecting: <c>POST {prefix}/disconnect</c>. A failed disconnect revoked nothing at Pinterest; the token is
    /// still stored unless the token store failed part-way through deleting it.
    /// </summary>
    Disconnect,
}
