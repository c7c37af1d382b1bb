using System.Net;
using System.Net.Http.Headers;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed class EmulatorAccountConcurrencyTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RecordsTheMostPinCreatesAndWritesOfEachAccountInFlightAtOnce()
    {
        using var h = new EmulatorHarness(o => o.Latency = Latency);
        var board = h.Emulator.AddBoard(h.Account, "Concurrent");
        var other = h.Emulator.AddAccount("other");
        var otherBoard = h.Emulator.AddBoard(other, "Other");
        using var otherClient = h.Emulator.CreateHttpClient();
        otherClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Emulator.IssueTokens(other).AccessToken);

        // Three creates and a media registration of one account, one create of another, and a read: all wait out the
        // latency together, so all are in flight at once.
        var calls = new List<Task<HttpResponseMessage>>
        {
            h.PostJsonAsync("v5/pins", PinJson(board.Id)),
            h.PostJsonAsync("v5/pins", PinJson(board.Id)),
            h.PostJsonAsync("v5/pins", PinJson(board.Id)),
            h.PostJsonAsync("v5/media", """{"media_type":"video"}"""),
            otherClient.PostAsync("v5/pins", Json(PinJson(otherBoard.Id))),
            h.Client.GetAsync("v5/user_account"),
        };
        for (var i = 0; i < calls.Count; i++)
        {
            await h.Time.NextTimerAsync();
        }

        Assert.Equal(3, h.Emulator.MaxConcurrentPinCreatesPerAccount[h.Account.Id]);
        Assert.Equal(4, h.Emulator.MaxConcurrentWritesPerAccount[h.Account.Id]);
        Assert.Equal(1, h.Emulator.MaxConcurrentPinCreatesPerAccount[other.Id]);
        Assert.Equal(1, h.Emulator.MaxConcurrentWritesPerAccount[other.Id]);

        h.Time.Advance(Latency);
        Assert.All(await Task.WhenAll(calls), response => Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString()));

        // One after another, the creates never overlap: the record keeps the earlier peak and counts nothing twice.
        for (var i = 0; i < 4; i++)
        {
            var create = h.PostJsonAsync("v5/pins", PinJson(board.Id));
            await h.Time.NextTimerAsync();
            h.Time.Advance(Latency);
            Assert.Equal(HttpStatusCode.Created, (await create).StatusCode);
        }

        Assert.Equal(3, h.Emulator.MaxConcurrentPinCreatesPerAccount[h.Account.Id]);
        Assert.Equal(1, h.Emulator.MaxConcurrentPinCreatesPerAccount[other.Id]);
    }

    [Fact]
    public async Task CountsAFaultedCreateAndNoRequestWithoutAValidToken()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Faulted");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.InternalServerError, 1, afterProcessing: true));

        Assert.Equal(HttpStatusCode.InternalServerError, (await h.PostJsonAsync("v5/pins", PinJson(board.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await h.Anonymous.PostAsync("v5/pins", Json(PinJson(board.Id)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/boards")).StatusCode);

        Assert.Equal(h.Account.Id, Assert.Single(h.Emulator.MaxConcurrentPinCreatesPerAccount).Key);
        Assert.Equal(1, h.Emulator.MaxConcurrentPinCreatesPerAccount[h.Account.Id]);
        Assert.Equal(1, Assert.Single(h.Emulator.MaxConcurrentWritesPerAccount).Value);
    }

    [Fact]
    public async Task CountsWritesThatArriveOverTheLoopbackServer()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Served");
        using var client = new HttpClient { BaseAddress = await h.Emulator.StartServerAsync() };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", h.Token.AccessToken);

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("v5/pins", Json(PinJson(board.Id)))).StatusCode);

        Assert.Equal(1, h.Emulator.MaxConcurrentPinCreatesPerAccount[h.Account.Id]);
    }

    private static string PinJson(string boardId) =>
        $$$"""{"board_id":"{{{boardId}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""";
}
