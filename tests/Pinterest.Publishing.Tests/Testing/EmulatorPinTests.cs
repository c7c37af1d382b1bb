using System.Net;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed class EmulatorPinTests
{
    private const string Png1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [Fact]
    public async Task ImageUrlPinIsCreatedWithEveryField()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var section = h.Emulator.AddBoardSection(board, "Section");

        var response = await h.PostJsonAsync("v5/pins", $$$"""
            {"board_id":"{{{board.Id}}}","board_section_id":"{{{section.Id}}}","title":"Title","description":"Desc","link":"https://shop.example/p?id=1",
             "alt_text":"Alt","dominant_color":"#6E7874","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches("^\\d+$", id);
        Assert.Equal(board.Id, body.GetProperty("board_id").GetString());
        Assert.Equal(section.Id, body.GetProperty("board_section_id").GetString());
        Assert.Equal("Title", body.GetProperty("title").GetString());
        Assert.Equal("image", body.GetProperty("media").GetProperty("media_type").GetString());
        Assert.True(body.GetProperty("media").GetProperty("images").TryGetProperty("600x", out _));
        // Pinterest writes created_at without an offset, in UTC: read it so, whatever the machine's zone.
        Assert.Equal(h.Time.GetUtcNow(), DateTimeOffset.Parse(body.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(id, pin.Id);
        Assert.Equal(board.Id, pin.BoardId);
        Assert.Equal(section.Id, pin.BoardSectionId);
        Assert.Equal("Desc", pin.Description);
        Assert.Equal("https://shop.example/p?id=1", pin.Link);
        Assert.Equal("Alt", pin.AltText);
        Assert.Equal("#6E7874", pin.DominantColor);
        Assert.Equal("image_url", pin.MediaSourceType);
        Assert.Equal(["https://img.example/a.jpg"], pin.ImageUrls);
        Assert.Equal(h.Time.GetUtcNow(), pin.CreatedAt);

        var fetched = await ReadJsonAsync(await h.Client.GetAsync($"v5/pins/{id}"));
        Assert.Equal("Alt", fetched.GetProperty("alt_text").GetString());
    }

    [Fact]
    public async Task ImageBase64PinStoresDecodedBytes()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        await h.CreatePinAsync(board.Id, $$$"""{"source_type":"image_base64","content_type":"image/png","data":"{{{Png1}}}"}""");

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal("image_base64", pin.MediaSourceType);
        Assert.Equal("image/png", pin.Images[0].ContentType);
        Assert.Equal(Convert.FromBase64String(Png1), pin.Images[0].Data!.Value.ToArray());
    }

    [Fact]
    public async Task CarouselOfUrlsKeepsPerItemFields()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var response = await h.PostJsonAsync("v5/pins", $$$"""
            {"board_id":"{{{board.Id}}}","media_source":{"source_type":"multiple_image_urls","items":[
              {"url":"https://img.example/1.jpg","title":"One","description":"First","link":"https://shop.example/1"},
              {"url":"https://img.example/2.jpg"}]}}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var media = (await ReadJsonAsync(response)).GetProperty("media");
        Assert.Equal("multiple_images", media.GetProperty("media_type").GetString());
        Assert.Equal(2, media.GetProperty("items").GetArrayLength());
        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(["https://img.example/1.jpg", "https://img.example/2.jpg"], pin.ImageUrls);
        Assert.Equal("One", pin.Images[0].Title);
        Assert.Equal("First", pin.Images[0].Description);
        Assert.Equal("https://shop.example/1", pin.Images[0].Link);
        Assert.Null(pin.Images[1].Title);
    }

    [Fact]
    public async Task CarouselOfBase64Images()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var item = $$$"""{"content_type":"image/png","data":"{{{Png1}}}"}""";
        await h.CreatePinAsync(board.Id, $$$"""{"source_type":"multiple_image_base64","items":[{{{item}}},{{{item}}},{{{item}}}]}""");
        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal("multiple_image_base64", pin.MediaSourceType);
        Assert.Equal(3, pin.Images.Count);
        Assert.All(pin.Images, i => Assert.Equal("image/png", i.ContentType));
    }

    [Theory]
    [InlineData("""{"cover_image_url":"https://img.example/cover.jpg"}""", "url")]
    [InlineData("""{"cover_image_key_frame_time":3}""", "keyframe")]
    [InlineData("""{"cover_image_content_type":"image/png","cover_image_data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}""", "data")]
    public async Task VideoPinWithEachCoverForm(string coverJson, string form)
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var mediaId = await h.CreateSucceededVideoAsync();
        var cover = coverJson.TrimStart('{').TrimEnd('}');

        var response = await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","title":"Video","media_source":{"source_type":"video_id","media_id":"{{{mediaId}}}",{{{cover}}}}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("video", (await ReadJsonAsync(response)).GetProperty("media").GetProperty("media_type").GetString());
        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal("video_id", pin.MediaSourceType);
        Assert.Equal(mediaId, pin.MediaId);
        switch (form)
        {
            case "url":
                Assert.Equal("https://img.example/cover.jpg", pin.CoverImageUrl);
                break;
            case "keyframe":
                Assert.Equal(3, pin.CoverImageKeyFrameTime);
                break;
            default:
                Assert.Equal("image/png", pin.CoverImageContentType);
                Assert.Equal(Convert.FromBase64String(Png1), pin.CoverImageData!.Value.ToArray());
                break;
        }
    }

    public static TheoryData<string, string> InvalidPins() => new()
    {
        { "board_id", """{"board_id":"My Board","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "board_id", """{"media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "board_section_id", """{"board_id":"{B}","board_section_id":"salads","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "title", $$$"""{"board_id":"{B}","title":"{{{new string('t', 101)}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "description", $$$"""{"board_id":"{B}","description":"{{{new string('d', 801)}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "alt_text", $$$"""{"board_id":"{B}","alt_text":"{{{new string('a', 501)}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "link", $$$"""{"board_id":"{B}","link":"https://shop.example/{{{new string('l', 2030)}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "link", """{"board_id":"{B}","link":"ftp://shop.example/","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "link", """{"board_id":"{B}","link":"shop.example/page","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "dominant_color", """{"board_id":"{B}","dominant_color":"red","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""" },
        { "media_source", """{"board_id":"{B}"}""" },
        { "source_type", """{"board_id":"{B}","media_source":{"url":"https://img.example/a.jpg"}}""" },
        { "source_type", """{"board_id":"{B}","media_source":{"source_type":"pin_gif","url":"https://img.example/a.jpg"}}""" },
        { "url", """{"board_id":"{B}","media_source":{"source_type":"image_url"}}""" },
        { "content_type", """{"board_id":"{B}","media_source":{"source_type":"image_base64","content_type":"image/webp","data":"AAAA"}}""" },
        { "data", """{"board_id":"{B}","media_source":{"source_type":"image_base64","content_type":"image/png","data":"data:image/png;base64,AAAA"}}""" },
        { "items", """{"board_id":"{B}","media_source":{"source_type":"multiple_image_urls","items":[{"url":"https://img.example/1.jpg"}]}}""" },
        { "items", """{"board_id":"{B}","media_source":{"source_type":"multiple_image_urls","items":[{"url":"https://img.example/1.jpg"},{"url":"https://img.example/2.jpg"},{"url":"https://img.example/3.jpg"},{"url":"https://img.example/4.jpg"},{"url":"https://img.example/5.jpg"},{"url":"https://img.example/6.jpg"}]}}""" },
        { "items[1].title", $$$"""{"board_id":"{B}","media_source":{"source_type":"multiple_image_urls","items":[{"url":"https://img.example/1.jpg"},{"url":"https://img.example/2.jpg","title":"{{{new string('t', 101)}}}"}]}}""" },
        { "cover", """{"board_id":"{B}","media_source":{"source_type":"video_id","media_id":"{M}"}}""" },
        { "cover_image_key_frame_time", """{"board_id":"{B}","media_source":{"source_type":"video_id","media_id":"{M}","cover_image_key_frame_time":-1}}""" },
        { "media_id", """{"board_id":"{B}","media_source":{"source_type":"video_id","media_id":"abc","cover_image_key_frame_time":0}}""" },
        { "media", """{"board_id":"{B}","media_source":{"source_type":"video_id","media_id":"777","cover_image_key_frame_time":0}}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidPins))]
    public async Task InvalidPinsAre400Code1NamingTheField(string field, string template)
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var mediaId = await h.CreateSucceededVideoAsync();

        var response = await h.PostJsonAsync("v5/pins", template.Replace("{B}", board.Id).Replace("{M}", mediaId));

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, 1);
        Assert.Contains(field, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task LimitsCountCharactersNotUtf16Units()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var title = string.Concat(Enumerable.Repeat("😀", 100));
        var response = await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","title":"{{{title}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task UnknownBoardIs404Code40AndUnknownSectionIs404Code2031()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var others = h.Emulator.AddBoard(h.Emulator.AddAccount(), "Not mine");
        const string Media = """{"source_type":"image_url","url":"https://img.example/a.jpg"}""";

        await AssertErrorAsync(await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"12345","media_source":{{{Media}}}}"""), HttpStatusCode.NotFound, 40);
        await AssertErrorAsync(await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{others.Id}}}","media_source":{{{Media}}}}"""), HttpStatusCode.NotFound, 40);
        await AssertErrorAsync(await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","board_section_id":"999","media_source":{{{Media}}}}"""), HttpStatusCode.NotFound, 2031);
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task VideoWhoseMediaHasNotSucceededIsRejected()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var (registered, _, _) = await h.RegisterVideoAsync();

        var body = await AssertErrorAsync(
            await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","media_source":{"source_type":"video_id","media_id":"{{{registered}}}","cover_image_key_frame_time":0}}"""),
            HttpStatusCode.BadRequest,
            1);
        Assert.Contains("registered", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAndDeletePin()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var id = await h.CreatePinAsync(board.Id, """{"source_type":"image_url","url":"https://img.example/a.jpg"}""");

        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync($"v5/pins/{id}")).StatusCode);
        var deleted = await h.Client.DeleteAsync($"v5/pins/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(h.Emulator.Pins);
        await AssertErrorAsync(await h.Client.GetAsync($"v5/pins/{id}"), HttpStatusCode.NotFound, 50);
        await AssertErrorAsync(await h.Client.DeleteAsync($"v5/pins/{id}"), HttpStatusCode.NotFound, 50);
        await AssertErrorAsync(await h.Client.GetAsync("v5/pins/nope"), HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task PinAnalytics()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var id = await h.CreatePinAsync(board.Id, """{"source_type":"image_url","url":"https://img.example/a.jpg"}""");

        var response = await h.Client.GetAsync($"v5/pins/{id}/analytics?start_date=2026-10-25&end_date=2026-10-31&metric_types=IMPRESSION,PIN_CLICK");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var all = (await ReadJsonAsync(response)).GetProperty("all");
        Assert.Equal(7, all.GetProperty("daily_metrics").GetArrayLength());
        Assert.True(all.GetProperty("summary_metrics").TryGetProperty("PIN_CLICK", out _));
        Assert.True(all.TryGetProperty("lifetime_metrics", out _));

        // The spec's examples for this operation: 400 code 400 "Invalid pins analytics parameters.", 404 code 404 "Pin not found.".
        await AssertErrorAsync(await h.Client.GetAsync($"v5/pins/{id}/analytics?start_date=2026-10-25&end_date=2026-10-31"), HttpStatusCode.BadRequest, 400);
        await AssertErrorAsync(await h.Client.GetAsync($"v5/pins/{id}/analytics?end_date=2026-10-31&metric_types=IMPRESSION"), HttpStatusCode.BadRequest, 400);
        await AssertErrorAsync(await h.Client.GetAsync("v5/pins/1234/analytics?start_date=2026-10-25&end_date=2026-10-31&metric_types=IMPRESSION"), HttpStatusCode.NotFound, 404);
    }

    [Fact]
    public async Task TrialAccessAnswers403Code29AndStoresNothing()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.TrialAccess = true;

        var response = await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""");

        var body = await AssertErrorAsync(response, HttpStatusCode.Forbidden, 29);
        Assert.Contains("sandbox", body.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Emulator.Pins);
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/boards")).StatusCode);

        h.Emulator.TrialAccess = false;
        await h.CreatePinAsync(board.Id, """{"source_type":"image_url","url":"https://img.example/a.jpg"}""");
    }

    [Fact]
    public async Task RequestsRecordBodiesAndHeaders()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.ResetRequests();
        var json = $$$"""{"board_id":"{{{board.Id}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""";
        await h.PostJsonAsync("v5/pins?ad_account_id=1", json);

        var request = Assert.Single(h.Emulator.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v5/pins", request.Path);
        Assert.Equal("/v5/pins?ad_account_id=1", request.PathAndQuery);
        Assert.Equal(json, request.BodyText);
        Assert.StartsWith("application/json", request.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal($"Bearer {h.Token.AccessToken}", request.Headers["Authorization"]);
        Assert.Equal(201, request.StatusCode);
    }
}
