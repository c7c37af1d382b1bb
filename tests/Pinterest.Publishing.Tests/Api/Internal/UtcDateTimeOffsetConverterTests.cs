using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Api.Internal;

/// <summary>
/// Pinterest writes <c>created_at</c> without an offset ("2022-10-13T01:40:29"); it is UTC. The client reads that form,
/// and the offset forms too, as the same instant, whatever the machine's zone.
/// </summary>
public sealed class UtcDateTimeOffsetConverterTests
{
    private static readonly DateTimeOffset Instant = new(2022, 10, 13, 1, 40, 29, TimeSpan.Zero);

    [Theory]
    [InlineData("2022-10-13T01:40:29")] // Pinterest's real form: no offset
    [InlineData("2022-10-13T01:40:29Z")]
    [InlineData("2022-10-13T01:40:29+00:00")]
    [InlineData("2022-10-13T03:40:29+02:00")]
    [InlineData("2022-10-12T20:40:29-05:00")]
    [InlineData("2022-10-13T01:40:29.000")]
    public void A_pin_and_a_board_read_created_at_with_or_without_an_offset_as_the_same_UTC_instant(string createdAt)
    {
        var pin = JsonSerializer.Deserialize($$"""{"id":"1","created_at":"{{createdAt}}"}""", PinterestJsonContext.Default.Pin)!;
        var board = JsonSerializer.Deserialize($$"""{"id":"2","created_at":"{{createdAt}}"}""", PinterestJsonContext.Default.Board)!;

        Assert.Equal(Instant, pin.CreatedAt);
        Assert.Equal(TimeSpan.Zero, pin.CreatedAt!.Value.Offset);
        Assert.Equal(Instant, board.CreatedAt);
        Assert.Equal(TimeSpan.Zero, board.CreatedAt!.Value.Offset);
    }

    [Fact]
    public void A_created_at_that_is_not_a_date_fails_the_read()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"1","created_at":"yesterday"}""", PinterestJsonContext.Default.Pin));
    }

    [Fact]
    public async Task The_client_reads_the_emulators_offsetless_created_at_as_the_emulators_UTC_instant()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 34, 56, TimeSpan.Zero));
        await using var emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = time });
        var user = emulator.AddAccount();
        var board = emulator.AddBoard(user, "Board");
        var store = new InMemoryPinterestTokenStore();
        var token = emulator.IssueTokens(user);
        await store.StoreTokenAsync("a", token);
        using var http = emulator.CreateHttpClient();
        var client = PublishingHarness.TokenStoreClient(emulator, http, store, "a", time);
        time.Advance(TimeSpan.FromSeconds(1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v5/pins")
        {
            Content = new StringContent(
                $$$"""{"board_id":"{{{board.Id}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}""",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token.AccessToken);
        using var created = await http.SendAsync(request);
        var raw = await created.Content.ReadAsStringAsync();
        var pinId = JsonDocument.Parse(raw).RootElement.GetProperty("id").GetString()!;

        var pin = await client.Pins.GetAsync(pinId);

        Assert.Contains("\"created_at\":\"2026-11-23T12:34:57\"", raw, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 34, 57, TimeSpan.Zero), pin.CreatedAt);
        Assert.Equal(emulator.Pins.Single().CreatedAt, pin.CreatedAt);
    }
}
