using System.Net;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.Testing.EmulatorPinSurfaceTests;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>
/// Board and section update and delete, a section's Pins, the media list, top Pins and token revocation end to end,
/// the library's client against the emulator (issue 12, item 12).
/// </summary>
public sealed class EmulatorBoardMediaSurfaceTests : IDisposable
{
    private static readonly Uri Image = new("https://img.example/a.jpg");

    private readonly EmulatorHarness _h = new();
    private readonly HttpClient _http;
    private readonly PinterestClient _client;

    public EmulatorBoardMediaSurfaceTests()
    {
        _http = _h.Emulator.CreateHttpClient();
        _client = ClientFor(_h, _http, _h.Token.AccessToken);
    }

    public void Dispose()
    {
        _http.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task Updating_a_board_renames_it_and_makes_it_secret_but_an_update_cannot_make_it_protected()
    {
        var board = _h.Emulator.AddBoard(_h.Account, "Summer", "Kept");

        var updated = await _client.Boards.UpdateAsync(board.Id, new UpdateBoardRequest { Name = "Winter", Privacy = "SECRET" });
        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _client.Boards.UpdateAsync(board.Id, new UpdateBoardRequest { Privacy = "PROTECTED" }));

        Assert.Equal(("Winter", "Kept", "SECRET"), (updated.Name, updated.Description, updated.Privacy));
        Assert.Equal(("Winter", "SECRET"), (Assert.Single(_h.Emulator.Boards).Name, _h.Emulator.Boards[0].Privacy));
        AssertApiError(error, HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task Deleting_a_board_deletes_its_sections_and_pins_and_leaves_other_boards_alone()
    {
        var doomed = _h.Emulator.AddBoard(_h.Account, "Doomed");
        _h.Emulator.AddBoardSection(doomed, "S");
        _h.Emulator.AddPin(doomed, Image);
        var kept = _h.Emulator.AddBoard(_h.Account, "Kept");
        var keptPin = _h.Emulator.AddPin(kept, Image);

        await _client.Boards.DeleteAsync(doomed.Id);
        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _client.Boards.GetAsync(doomed.Id));

        Assert.Equal(kept.Id, Assert.Single(_h.Emulator.Boards).Id);
        Assert.Equal(keptPin.Id, Assert.Single(_h.Emulator.Pins).Id);
        Assert.Empty(_h.Emulator.GetBoardSections(doomed.Id));
        AssertApiError(error, HttpStatusCode.NotFound, 40);
    }

    [Fact]
    public async Task A_section_is_renamed_lists_only_its_pins_and_deleting_it_deletes_them()
    {
        var board = _h.Emulator.AddBoard(_h.Account, "Board");
        var section = _h.Emulator.AddBoardSection(board, "Salads");
        var inSection = await _client.Pins.CreateAsync(new CreatePinRequest { BoardId = board.Id, BoardSectionId = section.Id, MediaSource = new ImageUrlMediaSource { Url = Image.AbsoluteUri } });
        var onBoard = _h.Emulator.AddPin(board, Image);

        var renamed = await _client.Boards.UpdateSectionAsync(board.Id, section.Id, new UpdateBoardSectionRequest { Name = "Soups" });
        var listed = await IdsAsync(_client.Boards.GetSectionPinsAsync(board.Id, section.Id));
        await _client.Boards.DeleteSectionAsync(board.Id, section.Id);
        var gone = await Assert.ThrowsAnyAsync<PinterestApiException>(() => IdsAsync(_client.Boards.GetSectionPinsAsync(board.Id, section.Id)));

        Assert.Equal("Soups", renamed.Name);
        Assert.Equal([inSection.Id], listed);
        Assert.Equal(onBoard.Id, Assert.Single(_h.Emulator.Pins).Id);
        AssertApiError(gone, HttpStatusCode.NotFound, 404);
    }

    [Fact]
    public async Task The_media_list_shows_the_users_uploads_newest_first_with_their_status()
    {
        var succeeded = await _h.CreateSucceededVideoAsync();
        var registered = await _client.Media.RegisterVideoUploadAsync();
        using var otherHttp = _h.Emulator.CreateHttpClient();
        await ClientFor(_h, otherHttp, _h.Emulator.IssueTokens(_h.Emulator.AddAccount("other")).AccessToken).Media.RegisterVideoUploadAsync();

        var media = new List<MediaUploadDetails>();
        await foreach (var item in _client.Media.GetMediaAsync(pageSize: 1))
        {
            media.Add(item);
        }

        Assert.Equal([registered.MediaId, succeeded], media.Select(m => m.MediaId));
        Assert.Equal([MediaUploadStatus.Registered, MediaUploadStatus.Succeeded], media.Select(m => m.Status));
    }

    [Fact]
    public async Task Top_pins_are_the_users_pins_sorted_by_the_metric_and_top_video_pins_only_its_video_pins()
    {
        var board = _h.Emulator.AddBoard(_h.Account, "Board");
        for (var i = 0; i < 6; i++)
        {
            _h.Emulator.AddPin(board, Image);
        }

        var today = DateOnly.FromDateTime(_h.Time.GetUtcNow().UtcDateTime);

        var top = await _client.UserAccount.GetTopPinsAsync(today.AddDays(-30), today, "SAVE", new TopPinsQuery { MetricTypes = ["IMPRESSION"], PinCount = 4, CreatedInLastDays = 30 });
        var video = await _client.UserAccount.GetTopVideoPinsAsync(today.AddDays(-30), today, "VIDEO_START");
        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _client.UserAccount.GetTopPinsAsync(today.AddDays(-30), today, "VIDEO_START"));

        Assert.Equal("SAVE", top.SortBy);
        Assert.Equal(4, top.Pins!.Count);
        var saves = top.Pins.Select(p => p.Metrics!["SAVE"]).ToList();
        Assert.Equal(saves.OrderDescending(), saves);
        Assert.All(top.Pins, p => Assert.Contains(p.PinId, _h.Emulator.Pins.Select(x => x.Id)));
        Assert.All(top.Pins, p => Assert.Equal("READY", p.DataStatus!["IMPRESSION"]));
        Assert.Empty(video.Pins!);
        AssertApiError(error, HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task Revoking_a_connections_tokens_makes_the_access_token_and_the_refresh_token_useless()
    {
        Assert.Equal(HttpStatusCode.OK, (await _h.Client.GetAsync("v5/user_account")).StatusCode);

        await _client.OAuth.RevokeTokensAsync(_h.Token);

        await EmulatorHarness.AssertErrorAsync(await _h.Client.GetAsync("v5/user_account"), HttpStatusCode.Unauthorized, 2);
        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => _client.OAuth.RefreshAsync(_h.Token.RefreshToken!));
    }

    [Fact]
    public async Task Revoking_with_a_wrong_client_secret_is_refused_with_code_2_and_the_token_stays_valid()
    {
        var wrongSecret = new PinterestClient(_http, "unused", new PinterestClientOptions
        {
            ApiBaseAddress = _h.Emulator.BaseAddress,
            ClientId = _h.Emulator.Options.ClientId,
            ClientSecret = "not-the-secret",
            TimeProvider = _h.Time,
        });

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => wrongSecret.OAuth.RevokeAsync(_h.Token.AccessToken));

        AssertApiError(error, HttpStatusCode.Unauthorized, 2);
        Assert.Equal(HttpStatusCode.OK, (await _h.Client.GetAsync("v5/user_account")).StatusCode);
    }
}
