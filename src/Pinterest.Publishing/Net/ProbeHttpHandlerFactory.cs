using System.Net;
using System.Net.Sockets;

namespace Pinterest.Publishing.Net;

/// <summary>
/// Builds the primary handler of the probe <see cref="HttpClient"/>: no proxy, no cookies, no automatic redirects
/// (<see cref="ProbeHttp"/> follows them by hand), a short connect timeout, and an SSRF guard that resolves the host
/// itself and connects only to public addresses. Checking at connect time (not on the URL's text) covers hostnames
/// such as <c>localhost</c>, DNS names pointing inside the network, and every redirect hop, because each hop opens
/// its connection through this callback.
/// </summary>
internal static class ProbeHttpHandlerFactory
{
    /// <summary>Creates the handler.</summary>
    public static SocketsHttpHandler Create(PreflightOptions options) => Create(options, seams: null);

    /// <summary>
    /// Creates the handler with test seams. <see cref="ProbeNetworkSeams.Resolve"/> replaces DNS and
    /// <see cref="ProbeNetworkSeams.MapEndPoint"/> rewrites the endpoint after the address check, so a test can make a
    /// fake public name reach a loopback server while the check still runs on the resolved (public) address.
    /// </summary>
    internal static SocketsHttpHandler Create(PreflightOptions options, ProbeNetworkSeams? seams)
    {
        ArgumentNullException.ThrowIfNull(options);
        var allowPrivate = options.AllowPrivateNetworks;
        var resolve = seams?.Resolve ?? DefaultResolveAsync;
        var map = seams?.MapEndPoint;

        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),

            // A probe stops reading once the header is known; draining the rest to reuse the connection would
            // download up to a megabyte of an image nobody needs. Close the connection instead.
            MaxResponseDrainSize = 0,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host.Trim('[', ']');
                var addresses = IPAddress.TryParse(host, out var literal)
                    ? [literal]
                    : await resolve(host, cancellationToken).ConfigureAwait(false);

                var allowed = allowPrivate ? addresses : Array.FindAll(addresses, a => !IsPrivateOrReserved(a));
                if (allowed.Length == 0)
                {
                    if (addresses.Length == 0)
                    {
                        throw new SocketException((int)SocketError.HostNotFound);
                    }

                    throw PrivateNetworkRefusedException.ForHost(host);
                }

                Exception? last = null;
                foreach (var address in allowed)
                {
                    var endPoint = new IPEndPoint(address, context.DnsEndPoint.Port);
                    if (map is not null)
                    {
                        endPoint = map(endPoint);
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
            },
        };
    }

    /// <summary>
    /// Whether an address is one a probe must not reach: unspecified, loopback, private (RFC 1918), CGNAT,
    /// link-local (including the cloud metadata address 169.254.169.254), multicast, broadcast, documentation and
    /// other reserved IPv4 ranges; IPv6 loopback, unique-local, link-local, site-local, multicast and documentation
    /// ranges; and IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64, 6to4) judged as IPv4.
    /// </summary>
    internal static bool IsPrivateOrReserved(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPrivateOrReservedV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivateOrReservedV4(address.MapToIPv4().GetAddressBytes());
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address))
        {
            return true;
        }

        // ::a.b.c.d (deprecated IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address in the last 4 bytes.
        var first12Zero = b[..12].IndexOfAnyExcept((byte)0) < 0;
        var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0;
        if (first12Zero || nat64)
        {
            return IsPrivateOrReservedV4(b[12..16]);
        }

        // 2002::/16 (6to4) embeds an IPv4 address in bytes 2–5.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPrivateOrReservedV4(b[2..6]);
        }

        return (b[0] & 0xFE) == 0xFC // fc00::/7 unique local
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) // fe80::/10 link-local
            || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) // fec0::/10 site-local (deprecated)
            || b[0] == 0xFF // ff00::/8 multicast
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
            || (b[0] == 0x01 && b[1..8].IndexOfAnyExcept((byte)0) < 0); // 100::/64 discard
    }

    private static bool IsPrivateOrReservedV4(ReadOnlySpan<byte> b) =>
        b[0] == 0 // 0.0.0.0/8 "this network"
        || b[0] == 10 // 10/8
        || b[0] == 127 // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10 CGNAT
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16) // 172.16/12
        || (b[0] == 192 && b[1] == 168) // 192.168/16
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // 192.0.0/24 IETF assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2) // TEST-NET-1
        || (b[0] == 198 && (b[1] & 0xFE) == 18) // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113) // TEST-NET-3
        || b[0] >= 224; // multicast 224/4, reserved 240/4, broadcast

    private static async ValueTask<IPAddress[]> DefaultResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
