using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// Ids in Pinterest's answers are short strings of digits. One that is not a plausible id (1 MB long, or carrying
/// control characters or path separators) makes the answer unreadable: it is never used, returned or logged.
/// </summary>
public sealed class HostileIdTests : IDisposable
{
    private static readonly string HugeId = new('7', 1024 * 1024);

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    public static TheoryData<string> ImplausibleIds() => new()
    {
        HugeId,
        new string('1', 65),
        string.Empty,
        "12/../34",
        "12 34",
        "12\n34",
        "12\u0000",
        "<script>",
        "１２３", // full-width digits
    };

    [Theory]
    [MemberData(nameof(ImplausibleIds))]
    public async Task A_created_pin_answer_with_an_implausible_id_is_an_unreadable_answer(string id)
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(JsonSerializer.Serialize(new { id, board_id = "1" })));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinBody())));

        Assert.Equal(HttpStatusCode.Created, error.StatusCode);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.True(DuplicateSafePinCreator.IsAmbiguous(error));
        if (id.Length > 0)
        {
            Assert.DoesNotContain(id, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("813744226420795884")]
    [InlineData("1")]
    [InlineData("AbC_dE-f9")]
    public async Task A_plausible_id_is_read_as_it_is(string id)
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody(JsonSerializer.Serialize(new { id, board_id = "1" })));

        var pin = await _ctx.WithoutRetryAsync(_ctx.Client().Pins.CreateAsync(PinBody()));

        Assert.Equal(id, pin.Id);
    }

    [Fact]
    public async Task A_create_answered_with_a_1_MB_pin_id_is_reconciled_and_the_id_is_never_logged()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody($$"""{"id":"{{HugeId}}","board_id":"1","title":"Hostile id"}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1/pins").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                $$"""{"items":[{"id":"813744226420795884","board_id":"1","title":"Hostile id","created_at":"{{ApiTestContext.Now:yyyy-MM-ddTHH:mm:ss}}"}]}"""));
        var creator = new DuplicateSafePinCreator(_ctx.Time, new PinterestRetryOptions(), _ctx.LoggerFactory.CreateLogger("test"));

        var (pin, reconciled) = await creator.CreateAsync(_ctx.Client(), PinBody(), CancellationToken.None);

        Assert.True(reconciled);
        Assert.Equal("813744226420795884", pin.Id);
        Assert.Single(_ctx.Requests, r => r.RequestMessage.Method == "POST");
        Assert.All(_ctx.Logs.GetSnapshot(), entry =>
        {
            Assert.DoesNotContain(HugeId[..64], entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(HugeId[..64], entry.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_media_registration_with_an_implausible_media_id_is_an_unreadable_answer()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody($$"""{"media_id":"{{HugeId}}","media_type":"video","upload_url":"https://upload.example/"}"""));

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => _ctx.WithoutRetryAsync(_ctx.Client().Media.RegisterVideoUploadAsync()));

        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Media_status_board_section_and_listed_pin_ids_are_checked_too()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/media/12").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"media_id":"12/34","status":"succeeded"}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"1 OR 1=1","name":"b"}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1/sections").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"../..","name":"s"}]}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/boards/1/pins").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"items":[{"id":"1","board_id":"1\u2028"}]}"""));
        var client = _ctx.Client(o => o.Retry.MaxRetries = 0);

        await Assert.ThrowsAsync<PinterestApiException>(() => client.Media.GetAsync("12"));
        await Assert.ThrowsAsync<PinterestApiException>(() => client.Boards.GetAsync("1"));
        await Assert.ThrowsAsync<PinterestApiException>(() => DrainAsync(client.Boards.GetSectionsAsync("1")));
        await Assert.ThrowsAsync<PinterestApiException>(() => DrainAsync(client.Boards.GetPinsAsync("1")));
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> source)
    {
        await foreach (var item in source)
        {
            _ = item;
        }
    }

    private static CreatePinRequest PinBody() => new()
    {
        BoardId = "1",
        Title = "Hostile id",
        MediaSource = new ImageUrlMediaSource { Url = "https://cdn.example.com/a.jpg" },
    };
}
