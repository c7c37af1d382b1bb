using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>Text, id and inline-image rules: no network involved.</summary>
public class PreflightRulesTests
{
    private static PublishPinRequest Valid() => Request(InlineImage()) with
    {
        Title = "Lemon tart",
        Description = "A short description.",
        AltText = "A lemon tart on a plate",
        DominantColor = "#6E7874",
    };

    [Fact]
    public async Task A_valid_draft_has_no_issues()
    {
        var result = await ValidateAsync(Valid());

        Assert.True(result.IsValid);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public async Task Title_longer_than_100_is_an_error_and_100_is_fine()
    {
        Assert.Empty((await ValidateAsync(Valid() with { Title = new string('t', 100) })).Issues);

        var result = await ValidateAsync(Valid() with { Title = new string('t', 101) });

        var issue = Single(result, PreflightCodes.TitleLengthMax);
        Assert.Equal(PreflightSeverity.Error, issue.Severity);
        Assert.Equal("title", issue.Target);
        Assert.Contains("101", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_over_800_is_an_error_and_over_500_a_warning()
    {
        var error = await ValidateAsync(Valid() with { Description = new string('d', 801) });
        Assert.Equal([PreflightCodes.DescriptionLengthMax], Codes(error));
        Assert.Equal(PreflightSeverity.Error, error.Issues[0].Severity);

        var warning = await ValidateAsync(Valid() with { Description = new string('d', 501) });
        var issue = Single(warning, PreflightCodes.DescriptionDisplayLength);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.True(warning.IsValid);

        Assert.Empty((await ValidateAsync(Valid() with { Description = new string('d', 500) })).Issues);
    }

    [Fact]
    public async Task Alt_text_over_500_is_an_error()
    {
        Assert.Empty((await ValidateAsync(Valid() with { AltText = new string('a', 500) })).Issues);

        var result = await ValidateAsync(Valid() with { AltText = new string('a', 501) });

        Assert.Equal("alt_text", Single(result, PreflightCodes.AltTextLengthMax).Target);
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("/relative/page")]
    public async Task Link_that_is_not_absolute_http_is_a_format_error(string link)
    {
        var result = await ValidateAsync(Valid() with { Link = new Uri(link, UriKind.RelativeOrAbsolute) });

        var issue = Single(result, PreflightCodes.LinkFormat);
        Assert.Equal("link", issue.Target);
        Assert.DoesNotContain(result.Issues, i => i.Code == PreflightCodes.DestinationUrlReachable);
    }

    [Fact]
    public async Task Link_longer_than_2048_is_a_format_error()
    {
        var result = await ValidateAsync(Valid() with { Link = new Uri("https://example.com/" + new string('p', 2048)) });

        Assert.Contains("2048", Single(result, PreflightCodes.LinkFormat).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("red")]
    [InlineData("#12345")]
    [InlineData("#12345G")]
    [InlineData("6E7874")]
    [InlineData("#6E78741")]
    public async Task Dominant_color_must_be_hash_and_six_hex_digits(string color)
    {
        var result = await ValidateAsync(Valid() with { DominantColor = color });

        Assert.Equal("dominant_color", Single(result, PreflightCodes.DominantColorFormat).Target);
    }

    [Fact]
    public async Task Board_is_required_without_a_default_board()
    {
        var result = await ValidateAsync(Valid() with { BoardId = null });

        Assert.Equal("board_id", Single(result, PreflightCodes.BoardRequired).Target);
    }

    [Fact]
    public async Task Default_board_provider_fills_a_missing_board()
    {
        var boards = new FixedDefaultBoard("987654321");
        using var validator = Validator(boards: boards);

        var result = await validator.ValidateAsync(Valid() with { BoardId = null });

        Assert.Empty(result.Issues);
        Assert.Equal(["account-1"], boards.AskedFor);
    }

    [Fact]
    public async Task Default_board_provider_without_a_board_still_gives_board_required()
    {
        using var validator = Validator(boards: new FixedDefaultBoard(null));

        var result = await validator.ValidateAsync(Valid() with { BoardId = " " });

        Single(result, PreflightCodes.BoardRequired);
    }

    [Theory]
    [InlineData("My Recipes", null, "board_id")]
    [InlineData("https://www.pinterest.com/me/recipes/", null, "board_id")]
    [InlineData("549755885175", "Desserts", "board_section_id")]
    [InlineData("549755885175", "12a", "board_section_id")]
    public async Task Board_and_section_ids_must_be_digits_only(string board, string? section, string target)
    {
        var result = await ValidateAsync(Valid() with { BoardId = board, BoardSectionId = section });

        Assert.Equal(target, Single(result, PreflightCodes.BoardIdFormat).Target);
    }

    [Fact]
    public async Task A_non_numeric_default_board_is_reported()
    {
        using var validator = Validator(boards: new FixedDefaultBoard("Recipes"));

        var result = await validator.ValidateAsync(Valid() with { BoardId = null });

        Single(result, PreflightCodes.BoardIdFormat);
    }

    [Fact]
    public async Task Missing_media_is_an_issue()
    {
        var result = await ValidateAsync(Valid() with { Media = null! });

        Assert.Equal("media", Single(result, PreflightCodes.MediaRequired).Target);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var result = await ValidateAsync(Valid() with
        {
            BoardId = "Recipes",
            Title = new string('t', 101),
            Description = new string('d', 801),
            AltText = new string('a', 501),
            DominantColor = "blue",
            Link = new Uri("ftp://example.com"),
        });

        string[] expected =
        [
            PreflightCodes.BoardIdFormat, PreflightCodes.TitleLengthMax, PreflightCodes.DescriptionLengthMax,
            PreflightCodes.AltTextLengthMax, PreflightCodes.DominantColorFormat, PreflightCodes.LinkFormat,
        ];
        Assert.Equal(expected.Order(), Codes(result).Order());
        Assert.All(result.Issues, i => Assert.Equal(PreflightSeverity.Error, i.Severity));
    }

    [Fact]
    public async Task Inline_image_must_be_jpeg_or_png()
    {
        var result = await ValidateAsync(Request(PinMedia.Image(TestMedia.Bytes("large-1000x1500.webp"), "image/webp")));

        Assert.Equal([PreflightCodes.ImageMimeAllowed], Codes(result));
    }

    [Fact]
    public async Task Inline_image_whose_bytes_disagree_with_its_type_is_a_warning()
    {
        var result = await ValidateAsync(Request(PinMedia.Image(TestMedia.Bytes("large-1000x1500.jpg"), "image/png")));

        var issue = Single(result, PreflightCodes.ImageMimeMismatch);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.Contains("image/jpeg", issue.Message, StringComparison.Ordinal);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task Inline_image_larger_than_the_limit_is_an_error()
    {
        var bytes = TestMedia.Bytes("large-1000x1500.png");

        var result = await ValidateAsync(Request(PinMedia.Image(bytes, "image/png")), o => o.MaxImageBytes = bytes.Length - 1);

        Assert.Equal([PreflightCodes.ImageSizeMax], Codes(result));
    }

    [Fact]
    public async Task Inline_bytes_that_are_not_an_image_are_unreadable()
    {
        var result = await ValidateAsync(Request(PinMedia.Image("<html>oops</html>"u8.ToArray(), "image/jpeg")));

        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(result));
    }

    [Theory]
    [InlineData("square-100.png", "image/png")]
    [InlineData("portrait-200x300.jpg", "image/jpeg")]
    public async Task Small_inline_image_is_a_dimensions_warning(string file, string type)
    {
        var result = await ValidateAsync(Request(PinMedia.Image(TestMedia.Bytes(file), type)));

        Assert.Equal(PreflightSeverity.Warning, Single(result, PreflightCodes.ImageDimensionsMin).Severity);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task Null_request_or_members_throw_argument_exceptions_naming_the_field()
    {
        using var validator = Validator();

        await Assert.ThrowsAsync<ArgumentNullException>("request", () => validator.ValidateAsync(null!));
        await Assert.ThrowsAsync<InvalidPublishRequestException>("request.AccountId", () => validator.ValidateAsync(Valid() with { AccountId = "" }));
        await Assert.ThrowsAsync<InvalidPublishRequestException>("request.Media.Items[1]",
            () => validator.ValidateAsync(Request(new CarouselPinMedia([new CarouselItem(new Uri("https://example.com/a.jpg")), null!]))));
        await Assert.ThrowsAsync<InvalidPublishRequestException>("request.Media.Url", () => validator.ValidateAsync(Request(new ImageUrlPinMedia(null!))));
        await Assert.ThrowsAsync<InvalidPublishRequestException>("request.Media.Source", () => validator.ValidateAsync(Request(new VideoPinMedia(null!, null))));
    }
}
