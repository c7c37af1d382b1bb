
namespace Pinterest.Publishing.Internal.SafeHttp;

/// <summary>
/// Thrown by the guarded clients' connect callback (<see cref="ConnectGuard"/>) when every address of a host is
/// loopback, private, link-local or otherwise reserved. <see cref="HttpClient"/> wraps it in an
/// <see cref="HttpRequestException"/>; detect it with <see cref="ProbeHttp.IsPrivateNetworkRefusal(Exception)"/>.
/// </summary>
internal sealed class PrivateNetworkRefusedException : IOException
{
    public PrivateNetworkRefusedException()
        : base("The address is in a private or reserved network.")
    {
    }

    public PrivateNetworkRefusedException(string message)
        : base(message)
    {
    }

    public PrivateNetworkRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a host; the message names only the host, never a path or query.</summary>
    public static PrivateNetworkRefusedException ForHost(string host) =>
        new($"Refused to connect to '{host}': it resolves only to loopback, private, link-local or reserved addresses.");
}
