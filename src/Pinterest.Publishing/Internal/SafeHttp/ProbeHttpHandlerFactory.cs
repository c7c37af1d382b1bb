using System.Net;
using System.Net.Sockets;

namespace Pinterest.Publishing.Internal.SafeHttp;

/// <summary>
/// Builds the primary handlers of the library's guarded clients: the probe client (preflight probes and
/// <c>FromUrl</c> downloads) and the upload client. Both have no proxy, no cookies, no automatic redirects (probes
/// follow them by hand through <see cref="ProbeHttp"/>, uploads never), a short connect timeout, and the
/// <see cref="ConnectGuard"/> as connect callback: only public addresses, only allowed ports, and for uploads only
/// https. Checking at connect time (not on the URL's text) covers hostnames such as <c>localhost</c>, DNS names
/// pointing inside the network, and every redirect hop, because each hop opens its connection through the callback.
/// </summary>
internal static class ProbeHttpHandlerFactory
{
    private static readonly Lazy<HttpClient> SharedUpload = new(
        () => new HttpClient(CreateForUpload(new PreflightOptions()), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>
    /// A process-wide upload client with the default guard, for a <c>PinterestVideoUploader</c> built without
    /// dependency injection and given no client. Never disposed, like any shared <see cref="HttpClient"/>; its pooled
    /// connections are recycled (<see cref="SocketsHttpHandler.PooledConnectionLifetime"/>) so DNS changes are seen.
    /// </summary>
    public static HttpClient SharedUploadClient => SharedUpload.Value;

    private static readonly Lazy<HttpClient> SharedProbe = new(
        () => new HttpClient(Create(new PreflightOptions()), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>
    /// A process-wide probe client with the default guard, for the <c>FromUrl</c> downloads of a
    /// <c>PinterestVideoUploader</c> built without dependency injection and given no download client. Like
    /// <see cref="SharedUploadClient"/>, never disposed and its connections recycled.
    /// </summary>
    public static HttpClient SharedProbeClient => SharedProbe.Value;

    /// <summary>Creates the probe handler.</summary>
    public static SocketsHttpHandler Create(PreflightOptions options) => Create(options, seams: null);

    /// <summary>
    /// Creates the probe handler with test seams. <see cref="ProbeNetworkSeams.Resolve"/> replaces DNS and
    /// <see cref="ProbeNetworkSeams.MapEndPoint"/> rewrites the endpoint after the address check, so a test can make a
    /// fake public name reach a loopback server while the check still runs on the resolved (public) address.
    /// </summary>
    internal static SocketsHttpHandler Create(PreflightOptions options, ProbeNetworkSeams? seams)
    {
        var handler = CreateGuarded(options, seams, requireHttps: false);

        // A probe stops reading once the header is known; draining the rest to reuse the connection would
        // download up to a megabyte of an image nobody needs. Close the connection instead.
        handler.MaxResponseDrainSize = 0;
        return handler;
    }

    /// <summary>
    /// Creates the upload handler: the probe handler's guard plus https only. A redirect from the upload host comes
    /// back as the answer (a failed upload), so the video is never sent anywhere Pinterest did not name.
    /// </summary>
    internal static SocketsHttpHandler CreateForUpload(PreflightOptions options, ProbeNetworkSeams? seams = null) =>
        CreateGuarded(options, seams, requireHttps: true);

    private static SocketsHttpHandler CreateGuarded(PreflightOptions options, ProbeNetworkSeams? seams, bool requireHttps)
    {
        ArgumentNullException.ThrowIfNull(options);
        var guard = new ConnectGuard(options, seams, requireHttps);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),

            // Probes stop reading once they know enough. The handler would drain an abandoned body (up to 1 MiB by
            // default) to reuse its connection, downloading what the probe declined: a 64 KiB prefix's rest is
            // drained, anything larger closes the connection.
            MaxResponseDrainSize = 64 * 1024,
            ConnectCallback = guard.ConnectAsync,
        };
    }

    /// <summary>
    /// Whether an address is one a guarded client must not reach: any address the IANA special-purpose registries
    /// (iana-ipv4-special-registry, iana-ipv6-special-registry) do not mark "Globally Reachable: True".
    /// IPv4: "this network", loopback, RFC 1918, CGNAT, link-local (the cloud metadata address 169.254.169.254),
    /// IETF assignments, documentation, benchmarking, the deprecated 6to4 relay anycast, multicast, reserved and
    /// broadcast. IPv6: everything outside 2000::/3 (the only range IANA allocates for global unicast: this covers
    /// loopback, unspecified, IPv4-compatible, SIIT IPv4-translated, local-use NAT64, discard, dummy, SRv6 SIDs,
    /// unique-local, link-local, site-local and multicast), and inside it the documentation ranges and the IETF
    /// protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID…) except the entries the registry marks globally
    /// reachable. IPv4 addresses that the network will reach through an IPv6 form (mapped, well-known NAT64, 6to4)
    /// are judged as IPv4.
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

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);

        // ::ffff:a.b.c.d (mapped: a dual-mode socket connects to the IPv4 address itself), 64:ff9b::/96 (well-known
        // NAT64, "Globally Reachable: True": the translator connects to the embedded address) and 2002::/16 (6to4:
        // the relay does) carry an IPv4 address that is what really gets reached.
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivateOrReservedV4(b[12..16]);
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPrivateOrReservedV4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPrivateOrReservedV4(b[2..6]);
        }

        if ((b[0] & 0xE0) != 0x20)
        {
            // Outside 2000::/3 nothing is globally reachable. Among others: ::/128, ::1/128, ::a.b.c.d (deprecated
            // IPv4-compatible), ::ffff:0:a.b.c.d (SIIT IPv4-translated, not the mapped form above), 64:ff9b:1::/48
            // (local-use NAT64, "False"), 100::/64 and 100:0:0:1::/64 (discard, dummy), 5f00::/16 (SRv6 SIDs,
            // "False"), fc00::/7, fe80::/10, fec0::/10, ff00::/8.
            return true;
        }

        return (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
            || (b[0] == 0x3F && b[1] == 0xFF && (b[2] & 0xF0) == 0x00) // 3fff::/20 documentation (RFC 9637)
            || (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xFE) == 0x00 && !IsGloballyReachableIetfAssignment(b));
    }

    /// <summary>
    /// The entries of 2001::/23 (IETF protocol assignments, "Globally Reachable: False") that the IPv6 registry marks
    /// "True": PCP, TURN and DNS-SD SRP anycast (2001:1::1, ::2, ::3), AMT (2001:3::/32), AS112-v6 (2001:4:112::/48),
    /// ORCHIDv2 (2001:20::/28) and DETs (2001:30::/28). Everything else in it is refused: Teredo 2001::/32 (N/A; it
    /// embeds an obfuscated client IPv4 address, so the whole range goes), benchmarking 2001:2::/48 and the
    /// deprecated ORCHID 2001:10::/28 ("False"), and unassigned space.
    /// </summary>
    private static bool IsGloballyReachableIetfAssignment(ReadOnlySpan<byte> b)
    {
        var second = (b[2] << 8) | b[3]; // the address's second 16-bit group, 0x0000–0x01FF inside 2001::/23
        return (second == 0x0001 && b[4..15].IndexOfAnyExcept((byte)0) < 0 && b[15] is >= 1 and <= 3)
            || second == 0x0003
            || (second == 0x0004 && b[4] == 0x01 && b[5] == 0x12)
            || (second is >= 0x0020 and <= 0x003F);
    }

    private static bool IsPrivateOrReservedV4(ReadOnlySpan<byte> b) =>
        b[0] == 0 // 0.0.0.0/8 "this network"
        || b[0] == 10 // 10/8
        || b[0] == 127 // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10 CGNAT
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16) // 172.16/12
        || (b[0] == 192 && b[1] == 168) // 192.168/16
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // 192.0.0/24 IETF assignments (its two anycast /32s too: no media there)
        || (b[0] == 192 && b[1] == 0 && b[2] == 2) // TEST-NET-1
        || (b[0] == 192 && b[1] == 88 && b[2] == 99) // 192.88.99/24 deprecated 6to4 relay anycast (RFC 7526)
        || (b[0] == 198 && (b[1] & 0xFE) == 18) // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113) // TEST-NET-3
        || b[0] >= 224; // multicast 224/4, reserved 240/4, broadcast
}
