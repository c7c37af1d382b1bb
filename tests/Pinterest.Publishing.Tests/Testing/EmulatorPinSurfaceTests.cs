using System.Net;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>
/// The organic Pin routes end to end, the library's client against the emulator (issue 12, item 12): update, save, the
/// user's Pins with their filters, and multi-Pin analytics.
/// </summary>
public sealed class EmulatorPinSurfaceTests : IDisposable
{
    private static readonly Uri Image = new("https://img.example/a.jpg");

    private readonly EmulatorHarness _h = new();
    private readonly HttpClient _http;
    private readonly PinterestClient _client;

    public EmulatorPinSurfaceTests()
    {
        _http = _h.Emulator.CreateHttpClient();
        _client = ClientFor(_h, _http, _h.Token.AccessToken);
    }

    public void Dispose()
    {
        _http.Dispose();
        _h.Dispose();
    }

    internal static PinterestClient ClientFor(EmulatorHarness h, HttpClient http, string accessToken) =>
        new(http, accessToken, new PinterestClientOptions
        {
            ApiBaseAddress = h.Emulator.BaseAddress,
            ClientId = h.Emulator.Options.ClientId,
            ClientSecret = h.Emulator.Options.ClientSecret,
            TimeProvider = h.Time,
        });

    [Fact]
    public async Task Updating_a_pin_changes_only_the_fields_sent_and_can_move_it_to_a_section_of_another_board()
    {
        var first = _h.Emulator.AddBoard(_h.Account, "First");
        var second = _h.Emulator.AddBoard(_h.Account, "Second");
        var section = _h.Emulator.AddBoardSection(second, "Salads");
        var pin = _h.Emulator.AddPin(first, Image, title: "Old", description: "Kept");

        var updated = await _client.Pins.UpdateAsync(pin.Id, new UpdatePinRequest { Title = "New", BoardId = second.Id, BoardSectionId = section.Id });

        Assert.Equal("New", updated.Title);
        Assert.Equal("Kept", updated.Description);
        Assert.Equal(second.Id, updated.BoardId);
        Assert.Equal(section.Id, updated.BoardSectionId);
        var stored = Assert.Single(_h.Emulator.Pins);
        Assert.Equal(("New", "Kept", second.Id, section.Id), (stored.Title, stored.Description, stored.BoardId, stored.BoardSectionId));
    }

    [Fact]
    public async Task Updating_a_pin_onto_a_board_of_another_account_is_board_not_found()
    {
        var pin = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Account, "Mine"), Image);
        var theirs = _h.Emulator.AddBoard(_h.Emulator.AddAccount("other"), "Theirs");

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _client.Pins.UpdateAsync(pin.Id, new UpdatePinRequest { BoardId = theirs.Id }));

        AssertApiError(error, HttpStatusCode.NotFound, 40);
        Assert.Equal(pin.BoardId, Assert.Single(_h.Emulator.Pins).BoardId);
    }

    [Fact]
    public async Task Saving_a_pin_of_another_account_makes_the_savers_copy_with_its_parent_and_list_filters_tell_saves_apart()
    {
        var theirs = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Emulator.AddAccount("other"), "Theirs"), Image, title: "Cake");
        var board = _h.Emulator.AddBoard(_h.Account, "Mine");
        var own = _h.Emulator.AddPin(board, Image, title: "Own");

        var saved = await _client.Pins.SaveAsync(theirs.Id, new SavePinRequest { BoardId = board.Id });

        Assert.NotEqual(theirs.Id, saved.Id);
        Assert.Equal(theirs.Id, saved.ParentPinId);
        Assert.Equal(board.Id, saved.BoardId);
        Assert.Equal("Cake", saved.Title);
        Assert.Equal([own.Id], await IdsAsync(_client.Pins.GetPinsAsync(new PinListFilter { PinFilter = "exclude_repins" })));
        Assert.Equal([saved.Id], await IdsAsync(_client.Pins.GetPinsAsync(new PinListFilter { PinFilter = "exclude_native" })));
        Assert.Equal([saved.Id, own.Id], await IdsAsync(_client.Pins.GetPinsAsync()));
    }

    [Fact]
    public async Task Saving_to_a_section_that_is_not_on_the_board_is_Pinterests_section_not_found()
    {
        var pin = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Account, "A"), Image);
        var board = _h.Emulator.AddBoard(_h.Account, "B");
        var elsewhere = _h.Emulator.AddBoardSection(_h.Emulator.AddBoard(_h.Account, "C"), "S");

        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _client.Pins.SaveAsync(pin.Id, new SavePinRequest { BoardId = board.Id, BoardSectionId = elsewhere.Id }));

        AssertApiError(error, HttpStatusCode.NotFound, 2031);
    }

    [Fact]
    public async Task The_users_pins_leave_out_protected_boards_unless_asked_and_private_means_secret_boards()
    {
        var onPublic = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Account, "Public"), Image);
        var onProtected = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Account, "Protected", privacy: "PROTECTED"), Image);
        var onSecret = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Account, "Secret", privacy: "SECRET"), Image);
        _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Emulator.AddAccount("other"), "Theirs"), Image);

        Assert.Equal([onSecret.Id, onPublic.Id], await IdsAsync(_client.Pins.GetPinsAsync(pageSize: 1)));
        Assert.Equal([onSecret.Id, onProtected.Id, onPublic.Id], await IdsAsync(_client.Pins.GetPinsAsync(new PinListFilter { IncludeProtectedPins = true })));
        Assert.Equal([onSecret.Id], await IdsAsync(_client.Pins.GetPinsAsync(new PinListFilter { PinType = "PRIVATE" })));
        Assert.Empty(await IdsAsync(_client.Pins.GetPinsAsync(new PinListFilter { CreativeTypes = ["VIDEO", "CAROUSEL"] })));
        Assert.Equal(3, (await IdsAsync(_client.Pins.GetPinsAsync(new PinListFilter { CreativeTypes = ["REGULAR"], IncludeProtectedPins = true, AdAccountId = "12" }))).Count);
    }

    [Fact]
    public async Task An_unknown_pin_filter_value_is_Pinterests_400()
    {
        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => IdsAsync(_client.Pins.GetPinsAsync(new PinListFilter { PinFilter = "exclude_everything" })));

        AssertApiError(error, HttpStatusCode.BadRequest, 1);
    }

    [Fact]
    public async Task Multi_pin_analytics_reports_each_own_pin_and_a_pin_of_another_account_is_not_found()
    {
        var board = _h.Emulator.AddBoard(_h.Account, "Mine");
        var a = _h.Emulator.AddPin(board, Image);
        var b = _h.Emulator.AddPin(board, Image);
        var theirs = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Emulator.AddAccount("other"), "Theirs"), Image);
        var today = DateOnly.FromDateTime(_h.Time.GetUtcNow().UtcDateTime);

        var reports = await _client.Pins.GetAnalyticsForPinsAsync([a.Id, b.Id], today.AddDays(-2), today, ["IMPRESSION", "VIDEO_START"]);
        var error = await Assert.ThrowsAnyAsync<PinterestApiException>(() => _client.Pins.GetAnalyticsForPinsAsync([a.Id, theirs.Id], today.AddDays(-2), today, ["IMPRESSION"]));

        Assert.Equal([a.Id, b.Id], reports.Keys.Order(StringComparer.Ordinal));
        Assert.All(reports.Values, r => Assert.Equal(3, r.All!.DailyMetrics!.Count));
        Assert.All(reports.Values, r => Assert.Contains("VIDEO_START", r.All!.SummaryMetrics!.Keys));
        AssertApiError(error, HttpStatusCode.NotFound, 50);
    }

    [Fact]
    public async Task Multi_pin_analytics_takes_pin_ids_repeated_as_the_spec_says_not_comma_joined()
    {
        var pin = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Account, "Mine"), Image);
        var other = _h.Emulator.AddPin(_h.Emulator.AddBoard(_h.Account, "Mine too"), Image);

        var joined = await _h.Client.GetAsync($"v5/pins/analytics?pin_ids={pin.Id},{other.Id}&start_date=2026-10-30&end_date=2026-11-01&metric_types=SAVE");
        var repeated = await _h.Client.GetAsync($"v5/pins/analytics?pin_ids={pin.Id}&pin_ids={other.Id}&start_date=2026-10-30&end_date=2026-11-01&metric_types=SAVE");

        await EmulatorHarness.AssertErrorAsync(joined, HttpStatusCode.BadRequest, 1);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
    }

    internal static void AssertApiError(PinterestApiException error, HttpStatusCode status, int code)
    {
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
    }

    internal static async Task<List<string>> IdsAsync(IAsyncEnumerable<Pin> pins)
    {
        var ids = new List<string>();
        await foreach (var pin in pins)
        {
            ids.Add(pin.Id);
        }

        return ids;
    }
}
