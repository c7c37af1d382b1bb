using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// Preflight counts text as Pinterest's spec does (JSON Schema <c>maxLength</c>: Unicode code points), in its checks
/// and in its messages: an emoji is one character, not two UTF-16 units; a combining mark is a character of its own.
/// </summary>
public sealed class TextLengthTests
{
    private const string Lemon = "\U0001F34B";

    [Fact]
    public async Task A_100_character_title_ending_in_three_emoji_is_accepted()
    {
        var title = new string('t', 97) + Lemon + Lemon + Lemon;

        var result = await ValidateAsync(Draft() with { Title = title });

        Assert.Empty(result.Issues);
    }

    [Fact]
    public async Task A_101_character_title_ending_in_three_emoji_is_refused_as_101_characters()
    {
        var title = new string('t', 98) + Lemon + Lemon + Lemon;

        var issue = Single(await ValidateAsync(Draft() with { Title = title }), PreflightCodes.TitleLengthMax);

        Assert.Equal("title", issue.Target);
        Assert.Contains("has 101 characters", issue.Message, StringComparison.Ordinal);
        Assert.Contains("at most 100", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Combining_marks_count_as_characters_of_their_own()
    {
        var fifty = string.Concat(Enumerable.Repeat("e\u0301", 50));

        Assert.Empty((await ValidateAsync(Draft() with { Title = fifty })).Issues);
        var issue = Single(await ValidateAsync(Draft() with { Title = fifty + "x" }), PreflightCodes.TitleLengthMax);
        Assert.Contains("has 101 characters", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_description_of_500_emoji_is_neither_too_long_nor_past_what_the_feed_shows()
    {
        var description = string.Concat(Enumerable.Repeat(Lemon, 500));

        Assert.Empty((await ValidateAsync(Draft() with { Description = description })).Issues);

        var warning = Single(await ValidateAsync(Draft() with { Description = description + "x" }), PreflightCodes.DescriptionDisplayLength);
        Assert.Contains("has 501 characters", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_description_of_801_emoji_is_refused_as_801_characters()
    {
        var description = string.Concat(Enumerable.Repeat(Lemon, 801));

        var issue = Single(await ValidateAsync(Draft() with { Description = description }), PreflightCodes.DescriptionLengthMax);

        Assert.Contains("has 801 characters", issue.Message, StringComparison.Ordinal);
        var at800 = await ValidateAsync(Draft() with { Description = description[..^Lemon.Length] });
        Assert.DoesNotContain(at800.Issues, i => i.Code == PreflightCodes.DescriptionLengthMax);
    }

    [Fact]
    public async Task Alt_text_of_500_surrogate_pairs_is_accepted_and_501_refused()
    {
        var altText = string.Concat(Enumerable.Repeat(Lemon, 500));

        Assert.Empty((await ValidateAsync(Draft() with { AltText = altText })).Issues);
        var issue = Single(await ValidateAsync(Draft() with { AltText = altText + Lemon }), PreflightCodes.AltTextLengthMax);
        Assert.Contains("has 501 characters", issue.Message, StringComparison.Ordinal);
    }

    private static PublishPinRequest Draft() => Request(InlineImage());
}
