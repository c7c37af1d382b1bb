using System.Net;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>
/// In sandbox mode the emulator refuses what Pinterest's API sandbox does not serve: the operations marked
/// <c>x-sandbox: disabled</c> (analytics) and video Pins, with Pinterest's generic permission error (403 code 29),
/// worded so that the library does not read it as a Trial-access refusal.
/// </summary>
public sealed class EmulatorSandboxTests
{
    private const string Image = """{"source_type":"image_url","url":"https://img.example/a.jpg"}""";

    [Fact]
    public async Task The_sandbox_refuses_analytics_with_403_code_29_and_says_why_in_message_detail()
    {
        using var h = new EmulatorHarness(o => o.Sandbox = true);
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var pinId = await h.CreatePinAsync(board.Id, Image);

        var user = await AssertErrorAsync(await h.Client.GetAsync("v5/user_account/analytics?start_date=2026-10-01&end_date=2026-10-02"), HttpStatusCode.Forbidden, 29);
        var pin = await AssertErrorAsync(await h.Client.GetAsync($"v5/pins/{pinId}/analytics?start_date=2026-10-01&end_date=2026-10-02&metric_types=IMPRESSION"), HttpStatusCode.Forbidden, 29);

        Assert.Equal("You are not permitted to access that resource.", user.GetProperty("message").GetString());
        Assert.Contains("user_account/analytics", user.GetProperty("message_detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("pins/analytics", pin.GetProperty("message_detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_refuses_a_video_pin_but_takes_the_upload_and_image_pins()
    {
        using var h = new EmulatorHarness(o => o.Sandbox = true);
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var videoId = await h.CreateSucceededVideoAsync();

        var video = await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","media_source":{"source_type":"video_id","media_id":"{{{videoId}}}","cover_image_url":"https://img.example/c.jpg"}}""");
        await h.CreatePinAsync(board.Id, Image);

        var body = await AssertErrorAsync(video, HttpStatusCode.Forbidden, 29);
        Assert.Contains("video Pins", body.GetProperty("message_detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("image_url", Assert.Single(h.Emulator.Pins).MediaSourceType);
    }

    [Fact]
    public async Task Out_of_sandbox_mode_analytics_and_video_pins_are_served()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var videoId = await h.CreateSucceededVideoAsync();

        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account/analytics?start_date=2026-10-01&end_date=2026-10-02")).StatusCode);
        await h.CreatePinAsync(board.Id, $$$"""{"source_type":"video_id","media_id":"{{{videoId}}}","cover_image_url":"https://img.example/c.jpg"}""");
    }

    [Fact]
    public async Task A_client_that_does_not_know_it_talks_to_the_sandbox_gets_a_permission_error_not_a_trial_refusal()
    {
        using var h = new EmulatorHarness(o => o.Sandbox = true);
        var client = new PinterestClient(h.Anonymous, h.Token.AccessToken, new PinterestClientOptions { ApiBaseAddress = h.Emulator.BaseAddress, TimeProvider = h.Time });

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => client.UserAccount.GetAnalyticsAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 2)));

        Assert.IsNotType<PinterestTrialAccessException>(error);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(29, error.ErrorCode);
        Assert.False(error.IsTransient);
    }
}
