using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>Preflight and the emulator count a title the same way, so what preflight lets through Pinterest accepts.</summary>
public sealed class TextLengthEndToEndTests
{
    private const string Lemon = "\U0001F34B";

    [Fact]
    public async Task A_100_character_title_ending_in_three_emoji_is_published_with_its_title_whole()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var title = new string('t', 97) + Lemon + Lemon + Lemon;

        var result = await h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest(title)), TimeSpan.FromSeconds(1));

        Assert.Equal(title, Assert.Single(h.Emulator.Pins, p => p.Id == result.PinId).Title);
    }

    [Fact]
    public async Task A_101_character_title_is_stopped_by_preflight_before_any_create()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var title = new string('t', 98) + Lemon + Lemon + Lemon;

        var error = await Assert.ThrowsAsync<PinPreflightException>(() => h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest(title)), TimeSpan.FromSeconds(1)));

        Assert.Contains(error.Result.Errors, e => e.Code == PreflightCodes.TitleLengthMax && e.Message.Contains("101 characters", StringComparison.Ordinal));
        Assert.Equal(0, h.CreateCalls());
    }
}
