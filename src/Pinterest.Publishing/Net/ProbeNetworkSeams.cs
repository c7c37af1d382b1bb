using System.Net;

namespace Pinterest.Publishing.Net;

/// <summary>
/// Test seams of the probe handler's connect callback. The address check always runs between the two: on what
/// <see cref="Resolve"/> returns, before <see cref="MapEndPoint"/> is applied. Production code passes none.
/// </summary>
internal sealed class ProbeNetworkSeams
{
    /// <summary>Replaces DNS resolution of a host name (not used for IP literals).</summary>
    public Func<string, CancellationToken, ValueTask<IPAddress[]>>? Resolve { get; init; }

    /// <summary>Rewrites an endpoint that passed the address check before connecting (a stand-in for NAT).</summary>
    public Func<IPEndPoint, IPEndPoint>? MapEndPoint { get; init; }
}
