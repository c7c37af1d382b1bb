using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

/// <summary><c>GET /v5/media</c> on the wire (issue 12, item 12).</summary>
public sealed class MediaClientListTests : IDisposable
{
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task GetMedia_lists_every_upload_with_its_status_across_pages()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media").UsingGet().WithParam("bookmark", "m1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"media_id":"13","media_type":"video","status":"failed"}],"bookmark":null}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/media").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"media_id":"12","media_type":"video","status":"succeeded"}],"bookmark":"m1"}"""));

        var media = new List<MediaUploadDetails>();
        await foreach (var item in _ctx.Client().Media.GetMediaAsync(pageSize: 10))
        {
            media.Add(item);
        }

        Assert.Equal(["12", "13"], media.Select(m => m.MediaId));
        Assert.Equal([MediaUploadStatus.Succeeded, MediaUploadStatus.Failed], media.Select(m => m.Status));
        Assert.Equal(["?page_size=10", "?page_size=10&bookmark=m1"], _ctx.Requests.Select(r => new Uri(r.RequestMessage.Url).Query));
        Assert.All(_ctx.Requests, r => Assert.Equal("Bearer test-access-token", ApiTestContext.Header(r, "Authorization")));
    }

    [Fact]
    public void GetMedia_refuses_a_page_size_over_250() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ctx.Client().Media.GetMediaAsync(pageSize: 251));
}
