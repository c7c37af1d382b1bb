using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api.Internal;

/// <summary>The token manager's refresher: the OAuth refresh grant as a service of its own, over the API pipeline.</summary>
public sealed class PinterestTokenRefresherTests : IDisposable
{
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Refresh_through_the_token_refresher_seam_rejects_the_same_way()
    {
        GivenTokenAnswer(401, """{"code":283,"message":"The authorization grant is invalid"}""");
        var refresher = new PinterestTokenRefresher(_ctx.Client().Transport);

        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => refresher.RefreshAsync("pinr_1", CancellationToken.None));
    }

    [Fact]
    public async Task An_answer_with_a_rotated_refresh_token_and_no_access_token_is_returned_for_storing_with_an_expired_empty_access_token()
    {
        GivenTokenAnswer(200, """{"refresh_token":"pinr_rotated","expires_in":3600}""");
        var refresher = new PinterestTokenRefresher(_ctx.Client().Transport);

        var token = await refresher.RefreshAsync("pinr_1", CancellationToken.None);

        Assert.Equal(string.Empty, token.AccessToken);
        Assert.Equal(_ctx.Time.GetUtcNow(), token.ExpiresAt);
        Assert.Equal("pinr_rotated", token.RefreshToken);

        // The public OAuth call, by contrast, has nothing to hand a caller but the failure.
        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _ctx.Client().OAuth.RefreshAsync("pinr_1"));
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Over_the_pipeline_factory_each_refresh_takes_a_new_client_of_the_api_name()
    {
        GivenTokenAnswer(200, """{"access_token":"pina_2","refresh_token":"pinr_2","expires_in":3600}""");
        var clients = new CountingHttpClientFactory(_ctx.HttpClient);
        var options = Options.Create(new PinterestPublishingOptions { ApiBaseAddress = _ctx.BaseAddress, ClientId = "client-id-1", ClientSecret = "client-secret-1" });
        using var telemetry = new PinterestTelemetry();
        var refresher = new PinterestTokenRefresher(new PinterestApiTransportFactory(clients, options, _ctx.Time, NullLoggerFactory.Instance, telemetry));

        Assert.Equal("pina_2", (await refresher.RefreshAsync("pinr_1", CancellationToken.None)).AccessToken);
        Assert.Equal("pina_2", (await refresher.RefreshAsync("pinr_2", CancellationToken.None)).AccessToken);

        Assert.Equal([PinterestHttpClientNames.Api, PinterestHttpClientNames.Api], clients.Names);
    }

    private void GivenTokenAnswer(int status, string body) =>
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>Hands out clients over one handler and records the names asked for.</summary>
    private sealed class CountingHttpClientFactory(HttpClient inner) : IHttpClientFactory
    {
        public List<string> Names { get; } = [];

        public HttpClient CreateClient(string name)
        {
            Names.Add(name);
            return inner;
        }
    }
}
