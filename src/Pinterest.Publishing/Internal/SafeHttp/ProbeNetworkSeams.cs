using System.Net;

namespace Pinterest.Publishing.Internal.SafeHttp;

/// <summary>
/// Test seams of the guarded clients' connect callback (<see cref="ConnectGuard"/>). The address and port checks
/// always run between the two: on what <see cref="Resolve"/> returns, before <see cref="MapEndPoint"/> is applied.
/// Production code passes none; dependency injection uses one only if a test registers it.
/// </summary>
internal sealed class ProbeNetworkSeams
{
    /// <summary>Replaces DNS resolution of a host name (not used for IP literals).</summary>
    public Func<string, CancellationToken, ValueTask<IPAddress[]>>? Resolve { get; init; }

    /// <summary>Rewrites an endpoint that passed the address check before connecting (a stand-in for NAT).</summary>
    public Func<IPEndPoint, IPEndPoint>? MapEndPoint { get; init; }
}
