using System.Globalization;

namespace Pinterest.Publishing.Internal.SafeHttp;

/// <summary>
/// Thrown by <see cref="ConnectGuard"/> when a connection would go to a public address on a port outside
/// <see cref="PreflightOptions.AllowedPorts"/>, or when an upload would go over plain http. Like
/// <see cref="PrivateNetworkRefusedException"/>, <see cref="HttpClient"/> wraps it in an
/// <see cref="HttpRequestException"/>; find it with <see cref="ConnectGuard.FindRefusal(Exception)"/>. Messages name
/// the host and port only, never a path or query.
/// </summary>
internal sealed class EndpointPolicyRefusedException : IOException
{
    public EndpointPolicyRefusedException()
        : base("The endpoint is not allowed.")
    {
    }

    public EndpointPolicyRefusedException(string message)
        : base(message)
    {
    }

    public EndpointPolicyRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A port outside the allowed list.</summary>
    public static EndpointPolicyRefusedException ForPort(string host, int port, IEnumerable<int> allowedPorts) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"Refused to connect to '{host}' on port {port}: only ports {string.Join(", ", allowedPorts)} are allowed. Add the port to Pinterest:Preflight:AllowedPorts if this host really serves media there."));

    /// <summary>An upload URL that is not https.</summary>
    public static EndpointPolicyRefusedException ForInsecureScheme(string host) =>
        new($"Refused to upload to '{host}' over plain http: the upload URL must be https. "
            + "(Pinterest:Preflight:AllowPrivateNetworks, for tests against a local emulator only, also allows http.)");
}
