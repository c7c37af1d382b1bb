using System.Net;
using Pinterest.Publishing.Api.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>Board update and delete, section update, delete and Pins on the wire (issue 12, item 12).</summary>
public sealed class BoardsClientSurfaceTests : IDisposable
{
    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Update_patches_the_fields_set_and_reads_the_board()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/549755885175").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"549755885175","name":"Winter recipes","privacy":"SECRET","description":"d"}"""));

        var board = await _ctx.Client().Boards.UpdateAsync("549755885175", new UpdateBoardRequest { Name = "Winter recipes", Privacy = "SECRET" });

        Assert.Equal("Winter recipes", board.Name);
        Assert.Equal("SECRET", board.Privacy);
        var request = _ctx.SingleRequest();
        Assert.Equal("PATCH", request.RequestMessage.Method);
        Assert.Equal("""{"name":"Winter recipes","privacy":"SECRET"}""", request.RequestMessage.Body);
        Assert.Equal(string.Empty, new Uri(request.RequestMessage.Url).Query);
    }

    [Fact]
    public async Task Delete_sends_delete_with_the_ad_account_id_and_accepts_204()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/7").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        await _ctx.Client().Boards.DeleteAsync("7", adAccountId: "99");

        var request = _ctx.SingleRequest();
        Assert.Equal("DELETE", request.RequestMessage.Method);
        Assert.Equal("?ad_account_id=99", new Uri(request.RequestMessage.Url).Query);
    }

    [Fact]
    public async Task Delete_of_a_board_Pinterest_does_not_find_raises_its_error()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/7").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"code":40,"message":"Board not found."}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Boards.DeleteAsync("7")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(40, error.ErrorCode);
    }

    [Fact]
    public async Task UpdateSection_patches_the_name_and_reads_the_section()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/7/sections/8").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"8","name":"Salads"}"""));

        var section = await _ctx.Client().Boards.UpdateSectionAsync("7", "8", new UpdateBoardSectionRequest { Name = "Salads" });

        Assert.Equal("8", section.Id);
        Assert.Equal("Salads", section.Name);
        Assert.Equal("""{"name":"Salads"}""", _ctx.SingleRequest().RequestMessage.Body);
    }

    [Fact]
    public async Task UpdateSection_without_a_name_is_refused_before_any_call()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _ctx.Client().Boards.UpdateSectionAsync("7", "8", new UpdateBoardSectionRequest { Name = " " }));

        Assert.Equal("request", error.ParamName);
        Assert.Empty(_ctx.Requests);
    }

    [Fact]
    public async Task DeleteSection_sends_delete_on_the_section_path()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/7/sections/8").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));

        await _ctx.Client().Boards.DeleteSectionAsync("7", "8");

        var request = _ctx.SingleRequest();
        Assert.Equal("DELETE", request.RequestMessage.Method);
        Assert.Equal("/v5/boards/7/sections/8", request.RequestMessage.Path);
    }

    [Fact]
    public async Task GetSectionPins_follows_the_bookmark_with_the_ad_account_id()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/7/sections/8/pins").UsingGet().WithParam("bookmark", "b1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"2","board_section_id":"8"}],"bookmark":null}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/7/sections/8/pins").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"1","board_section_id":"8"}],"bookmark":"b1"}"""));

        var pins = new List<Pin>();
        await foreach (var pin in _ctx.Client().Boards.GetSectionPinsAsync("7", "8", pageSize: 50, adAccountId: "5"))
        {
            pins.Add(pin);
        }

        Assert.Equal(["1", "2"], pins.Select(p => p.Id));
        Assert.All(pins, p => Assert.Equal("8", p.BoardSectionId));
        Assert.Equal(["?ad_account_id=5&page_size=50", "?ad_account_id=5&page_size=50&bookmark=b1"], _ctx.Requests.Select(r => new Uri(r.RequestMessage.Url).Query));
    }
}
