using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A WireMock.Net server on loopback that serves fixture bytes with chosen headers.</summary>
internal sealed class MediaWireMock : IDisposable
{
    public MediaWireMock() => Server = WireMockServer.Start();

    public WireMockServer Server { get; }

    public Uri Url(string path) => new($"http://127.0.0.1:{Server.Port}{path}");

    /// <summary>Serves bytes to GET (and 405 to HEAD, to prove HEAD is never needed).</summary>
    public Uri Serve(string path, byte[] body, string? contentType, int status = 200, IDictionary<string, string>? headers = null)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        if (contentType is not null)
        {
            response = response.WithHeader("Content-Type", contentType);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(response);
        Server.Given(Request.Create().WithPath(path).UsingHead()).RespondWith(Response.Create().WithStatusCode(405));
        return Url(path);
    }

    public Uri ServeFixture(string path, string fixture, string? contentType) => Serve(path, TestMedia.Bytes(fixture), contentType);

    public Uri Redirect(string path, string location, int status = 302)
    {
        Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Location", location));
        return Url(path);
    }

    public int Hits(string path) => Server.LogEntries.Count(e => e.RequestMessage.Path == path);

    public void Dispose() => Server.Stop();
}
