using System.Net;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>
/// The emulator counts text as Pinterest's spec does (JSON Schema <c>maxLength</c>: code points), with the same method
/// as preflight, for every limited field: Pin text, link, carousel item text and board section name.
/// </summary>
public sealed class EmulatorTextLengthTests
{
    private const string Lemon = "\U0001F34B";
    private const string Image = """{"source_type":"image_url","url":"https://img.example/a.jpg"}""";

    [Fact]
    public async Task A_100_character_title_ending_in_three_emoji_is_accepted_and_101_refused()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");

        var accepted = await PostPinAsync(h, board.Id, "title", new string('t', 97) + Lemon + Lemon + Lemon);
        var refused = await PostPinAsync(h, board.Id, "title", new string('t', 98) + Lemon + Lemon + Lemon);

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'title' must be at most 100 characters", (await ReadJsonAsync(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_combining_mark_is_a_character_of_its_own()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var fifty = string.Concat(Enumerable.Repeat("e\u0301", 50));

        Assert.Equal(HttpStatusCode.Created, (await PostPinAsync(h, board.Id, "title", fifty)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostPinAsync(h, board.Id, "title", fifty + "x")).StatusCode);
    }

    [Fact]
    public async Task A_link_of_2048_code_points_in_more_UTF16_units_is_accepted_and_2049_refused()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        const string prefix = "https://example.com/";
        var link = prefix + string.Concat(Enumerable.Repeat(Lemon, 2048 - prefix.Length));

        Assert.Equal(HttpStatusCode.Created, (await PostPinAsync(h, board.Id, "link", link)).StatusCode);
        var refused = await PostPinAsync(h, board.Id, "link", link + "x");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'link' must be at most 2048 characters", (await ReadJsonAsync(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_board_section_name_of_180_emoji_is_accepted_and_181_refused()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var name = string.Concat(Enumerable.Repeat(Lemon, 180));

        var accepted = await h.PostJsonAsync($"v5/boards/{board.Id}/sections", $$"""{"name":"{{name}}"}""");
        var refused = await h.PostJsonAsync($"v5/boards/{board.Id}/sections", $$"""{"name":"{{name + Lemon}}"}""");

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_board_section_renamed_to_180_emoji_is_accepted_and_181_refused()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var section = h.Emulator.AddBoardSection(board, "Section");
        var name = string.Concat(Enumerable.Repeat(Lemon, 180));

        var accepted = await h.Client.SendAsync(Rename(board.Id, section.Id, name));
        var refused = await h.Client.SendAsync(Rename(board.Id, section.Id, name + Lemon));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static HttpRequestMessage Rename(string boardId, string sectionId, string name) =>
        new(HttpMethod.Patch, $"v5/boards/{boardId}/sections/{sectionId}")
        {
            Content = new StringContent($$"""{"name":"{{name}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };

    private static Task<HttpResponseMessage> PostPinAsync(EmulatorHarness h, string boardId, string field, string value) =>
        h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{boardId}}}","{{{field}}}":{{{System.Text.Json.JsonSerializer.Serialize(value)}}},"media_source":{{{Image}}}}""");
}
