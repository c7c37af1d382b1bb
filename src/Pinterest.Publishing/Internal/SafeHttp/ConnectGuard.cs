using System.Net;
using System.Net.Sockets;

namespace Pinterest.Publishing.Internal.SafeHttp;

/// <summary>
/// The SSRF guard of the library's guarded clients (probes, <c>FromUrl</c> downloads, uploads), run as the
/// <see cref="SocketsHttpHandler.ConnectCallback"/> of every new connection: it resolves the host itself, keeps only
/// public addresses (<see cref="ProbeHttpHandlerFactory.IsPrivateOrReserved(IPAddress)"/>), allows only the
/// configured ports, and, for uploads, only https. Being the connect step, it judges every redirect hop and every
/// DNS answer, not the URL's text. <see cref="PreflightOptions.AllowPrivateNetworks"/> (tests only) lifts all three.
/// </summary>
internal sealed class ConnectGuard
{
    private readonly bool _allowAll;
    private readonly bool _requireHttps;
    private readonly int[] _allowedPorts;
    private readonly Func<string, CancellationToken, ValueTask<IPAddress[]>> _resolve;
    private readonly Func<IPEndPoint, IPEndPoint>? _map;

    public ConnectGuard(PreflightOptions options, ProbeNetworkSeams? seams, bool requireHttps)
    {
        ArgumentNullException.ThrowIfNull(options);
        _allowAll = options.AllowPrivateNetworks;
        _requireHttps = requireHttps;

        // A copy: the options object may change after the handler is built, the guard must not.
        _allowedPorts = [.. options.AllowedPorts];
        _resolve = seams?.Resolve ?? DefaultResolveAsync;
        _map = seams?.MapEndPoint;
    }

    /// <summary>
    /// The guard refusal in <paramref name="exception"/>'s chain (<see cref="HttpClient"/> wraps it in an
    /// <see cref="HttpRequestException"/>): a <see cref="PrivateNetworkRefusedException"/> or an
    /// <see cref="EndpointPolicyRefusedException"/>; <see langword="null"/> when the failure is something else.
    /// </summary>
    public static IOException? FindRefusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PrivateNetworkRefusedException or EndpointPolicyRefusedException)
            {
                return (IOException)e;
            }
        }

        return null;
    }

    /// <summary>The connect callback.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;

        // Checked here rather than on the URL so that no client built on this handler can skip it; the pool keys
        // connections by scheme, so an http request always gets a connection of its own, made through this callback.
        if (_requireHttps && !_allowAll && context.InitialRequestMessage.RequestUri?.Scheme != Uri.UriSchemeHttps)
        {
            throw EndpointPolicyRefusedException.ForInsecureScheme(host);
        }

        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);

        var allowed = _allowAll ? addresses : Array.FindAll(addresses, a => !ProbeHttpHandlerFactory.IsPrivateOrReserved(a));
        if (allowed.Length == 0)
        {
            if (addresses.Length == 0)
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            throw PrivateNetworkRefusedException.ForHost(host);
        }

        // After the address check, so that a private URL is reported as such whatever its port.
        if (!_allowAll && Array.IndexOf(_allowedPorts, port) < 0)
        {
            throw EndpointPolicyRefusedException.ForPort(host, port, _allowedPorts);
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var endPoint = new IPEndPoint(address, port);
            if (_map is not null)
            {
                endPoint = _map(endPoint);
            }

            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static async ValueTask<IPAddress[]> DefaultResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
