using WireMock.Server;
using WireMock.Settings;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>WireMock.Net servers bound to 127.0.0.1 only, without the admin interface, addressed by IPv4 loopback URLs.</summary>
internal static class LoopbackWireMock
{
    public static WireMockServer Start() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false });

    /// <summary>The server's address as an IPv4 loopback URL (WireMock reports it as <c>localhost</c>).</summary>
    public static Uri Url(WireMockServer server, string pathAndQuery) => new($"http://127.0.0.1:{new Uri(server.Urls[0]).Port}{pathAndQuery}");
}
