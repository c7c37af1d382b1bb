using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Tests.Api.Internal;

/// <summary>Pinterest's text limits count Unicode code points, as JSON Schema's <c>maxLength</c> does.</summary>
public sealed class PinterestTextTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Lemon tart", 10)]
    [InlineData("\U0001F34B", 1)] // 🍋: a surrogate pair is one code point
    [InlineData("tart \U0001F34B\U0001F34B\U0001F34B", 8)]
    [InlineData("e\u0301", 2)] // e + combining acute: the mark is a code point of its own
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 5)] // a family emoji: three people joined by two zero-width joiners
    [InlineData("\U0001F1EB\U0001F1F7", 2)] // a flag: two regional indicators
    public void Length_counts_code_points(string text, int expected) => Assert.Equal(expected, PinterestText.Length(text));

    [Fact]
    public void A_lone_surrogate_counts_as_one_code_point()
    {
        // Built here, not in [InlineData]: attribute metadata cannot hold ill-formed UTF-16.
        const char high = '\uD83C', low = '\uDF4B';

        Assert.Equal(1, PinterestText.Length(new string(high, 1)));
        Assert.Equal(3, PinterestText.Length($"a{low}b"));
        Assert.Equal(2, PinterestText.Length($"{low}{high}")); // low before high is no pair
        Assert.Equal(2, PinterestText.Length($"{high}{high}{low}"));
    }

    [Fact]
    public void Length_agrees_with_the_runes_of_well_formed_text()
    {
        var text = string.Concat(Enumerable.Repeat("a\U0001F600e\u0301\u4E2D", 50));

        Assert.Equal(text.EnumerateRunes().Count(), PinterestText.Length(text));
    }
}
