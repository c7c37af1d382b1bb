using System.Net;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.Tests.Internal.SafeHttp;

public class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("255.255.255.255")]
    [InlineData("240.0.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("198.18.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:c0a8:0101::1")]
    public void Private_and_reserved_addresses_are_refused(string address) =>
        Assert.True(ProbeHttpHandlerFactory.IsPrivateOrReserved(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700::6810:84e5")]
    [InlineData("2a00:1450:4007:80c::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.False(ProbeHttpHandlerFactory.IsPrivateOrReserved(IPAddress.Parse(address)));

    /// <summary>
    /// IPv6 translation and special-purpose ranges the IANA registries mark as not globally reachable (or N/A), each
    /// probed at its edges and with an embedded private IPv4 address where it carries one.
    /// </summary>
    [Theory]
    [InlineData("::ffff:0:7f00:1")] // SIIT IPv4-translated ::ffff:0:0:0/96 carrying 127.0.0.1
    [InlineData("::ffff:0:a9fe:a9fe")] // … carrying 169.254.169.254
    [InlineData("::ffff:0:808:808")] // … even carrying a public IPv4 address: not a routable IPv6 destination
    [InlineData("64:ff9b:1::a9fe:a9fe")] // local-use NAT64 64:ff9b:1::/48 (RFC 8215)
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("64:ff9b:1:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001::1")] // Teredo 2001::/32: embeds an obfuscated client IPv4 address
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // a Teredo address as RFC 4380 shows it
    [InlineData("2001:0:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:2::1")] // benchmarking 2001:2::/48
    [InlineData("2001:2:0:ffff::1")]
    [InlineData("2001:10::1")] // deprecated ORCHID 2001:10::/28
    [InlineData("2001:1f:ffff::1")]
    [InlineData("2001:1::4")] // IETF protocol assignments 2001::/23 outside its globally reachable entries
    [InlineData("2001:1ff::1")]
    [InlineData("3fff::1")] // documentation 3fff::/20 (RFC 9637)
    [InlineData("3fff:fff:ffff::1")]
    [InlineData("5f00::1")] // SRv6 SIDs 5f00::/16
    [InlineData("5f00:ffff::1")]
    [InlineData("100:0:0:1::1")] // dummy IPv6 prefix 100:0:0:1::/64 (RFC 9780)
    [InlineData("4000::1")] // outside 2000::/3, the only range allocated for global unicast
    [InlineData("1::1")]
    [InlineData("64:ff9b:2::1")]
    [InlineData("192.88.99.1")] // deprecated 6to4 relay anycast 192.88.99.0/24
    [InlineData("192.88.99.255")]
    [InlineData("2002:c058:6301::1")] // 6to4 of the relay anycast address
    public void Translation_and_special_purpose_ranges_are_refused(string address) =>
        Assert.True(ProbeHttpHandlerFactory.IsPrivateOrReserved(IPAddress.Parse(address)));

    /// <summary>Neighbours of the refused ranges, and the entries the registries mark as globally reachable.</summary>
    [Theory]
    [InlineData("192.88.98.255")]
    [InlineData("192.88.100.1")]
    [InlineData("2001:200::1")] // APNIC, just past 2001::/23
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2001:1::1")] // PCP anycast
    [InlineData("2001:1::2")] // TURN anycast
    [InlineData("2001:1::3")] // DNS-SD SRP anycast
    [InlineData("2001:3::1")] // AMT
    [InlineData("2001:4:112::1")] // AS112-v6
    [InlineData("2001:20::1")] // ORCHIDv2
    [InlineData("2001:30::1")] // DETs
    [InlineData("2620:4f:8000::1")] // direct delegation AS112
    [InlineData("3fff:1000::1")] // just past 3fff::/20
    [InlineData("2002:808:808::1")] // 6to4 of a public IPv4 address
    public void Globally_reachable_neighbours_are_allowed(string address) =>
        Assert.False(ProbeHttpHandlerFactory.IsPrivateOrReserved(IPAddress.Parse(address)));
}
