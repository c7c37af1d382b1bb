using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

public sealed class CarouselAndLinkTests : IDisposable
{
    private readonly MediaWireMock _server = new();

    public void Dispose() => _server.Dispose();

    private CarouselItem Item(string path, string fixture, string type = "image/jpeg") =>
        new(_server.ServeFixture(path, fixture, type));

    [Fact]
    public async Task A_carousel_of_square_images_is_valid()
    {
        var media = PinMedia.Carousel(
            Item("/c/1.jpg", "large-1000x1000.jpg"),
            Item("/c/2.png", "large-1000x1000.png", "image/png"),
            Item("/c/3.jpg", "large-1000x1000.jpg"));

        var result = await ValidateAsync(Request(media));

        Assert.Empty(result.Issues);
    }

    [Fact]
    public async Task A_carousel_of_2_3_images_is_valid()
    {
        var media = PinMedia.Carousel(Item("/c/1.jpg", "large-1000x1500.jpg"), Item("/c/2.png", "large-1000x1500.png", "image/png"));

        Assert.Empty((await ValidateAsync(Request(media))).Issues);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task A_carousel_needs_2_to_5_images(int count)
    {
        _server.ServeFixture("/c/sq.jpg", "large-1000x1000.jpg", "image/jpeg");
        var items = Enumerable.Range(0, count).Select(i => new CarouselItem(_server.Url($"/c/sq.jpg?n={i}")));
        _server.Server.ResetLogEntries();

        var result = await ValidateAsync(Request(PinMedia.Carousel(items)));

        Assert.Equal([PreflightCodes.CarouselCount], Codes(result));
        Assert.Equal(count, _server.Hits("/c/sq.jpg"));
    }

    [Fact]
    public async Task Images_of_different_ratios_are_inconsistent()
    {
        var media = PinMedia.Carousel(
            Item("/c/1.jpg", "large-1000x1000.jpg"),
            Item("/c/2.jpg", "large-1000x1500.jpg"));

        var result = await ValidateAsync(Request(media));

        var issue = Single(result, PreflightCodes.CarouselAspectConsistent);
        Assert.Contains("1000×1500", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PreflightCodes.CarouselAspectAllowed, Codes(result));
    }

    [Fact]
    public async Task Consistent_images_of_an_odd_ratio_are_not_allowed()
    {
        var media = PinMedia.Carousel(
            Item("/c/1.jpg", "odd-400x300.jpg"),
            Item("/c/2.png", "odd-400x300.png", "image/png"));

        var result = await ValidateAsync(Request(media));

        Single(result, PreflightCodes.CarouselAspectAllowed);
        Assert.DoesNotContain(PreflightCodes.CarouselAspectConsistent, Codes(result));
    }

    [Fact]
    public async Task Each_item_is_reported_with_its_index()
    {
        var media = PinMedia.Carousel(
            Item("/c/1.jpg", "large-1000x1000.jpg"),
            new CarouselItem(_server.Serve("/c/gone.jpg", [], "text/plain", 404)),
            Item("/c/3.webp", "large-1000x1000.webp", "image/webp") with { Title = new string('t', 101), Link = new Uri("ftp://x") });

        var result = await ValidateAsync(Request(media));

        Assert.Equal("media[1]", Single(result, PreflightCodes.ImageUrlReachable).Target);
        Assert.Equal("media[2]", Single(result, PreflightCodes.ImageMimeAllowed).Target);
        Assert.Equal("media[2].title", Single(result, PreflightCodes.TitleLengthMax).Target);
        Assert.Equal("media[2].link", Single(result, PreflightCodes.LinkFormat).Target);
    }

    [Fact]
    public async Task The_same_url_in_a_draft_is_fetched_once()
    {
        var url = _server.ServeFixture("/same.jpg", "large-1000x1000.jpg", "image/jpeg");
        var media = PinMedia.Carousel(new CarouselItem(url) { Link = url }, new CarouselItem(url), new CarouselItem(url));

        var result = await ValidateAsync(Request(media) with { Link = url });

        Assert.Empty(result.Issues);
        Assert.Equal(1, _server.Hits("/same.jpg"));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(302)]
    public async Task A_link_answering_2xx_or_3xx_is_reachable(int status)
    {
        var link = status == 302
            ? _server.Redirect("/moved", "ftp://elsewhere.example/")
            : _server.Serve("/page", "<html>ok</html>"u8.ToArray(), "text/html", status);

        var result = await ValidateAsync(Request(InlineImage()) with { Link = link });

        Assert.Empty(result.Issues);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(503)]
    public async Task A_link_answering_an_error_is_unreachable(int status)
    {
        var link = _server.Serve("/dead", "<html>gone</html>"u8.ToArray(), "text/html", status);

        var result = await ValidateAsync(Request(InlineImage()) with { Link = link });

        Assert.Equal("link", Single(result, PreflightCodes.DestinationUrlReachable).Target);
        Assert.Equal(["GET"], _server.Server.LogEntries.Select(e => e.RequestMessage.Method));
    }

    [Fact]
    public async Task A_link_redirecting_to_a_dead_page_is_unreachable()
    {
        _server.Serve("/dead", [], "text/html", 404);
        var link = _server.Redirect("/old", "/dead", 301);

        var result = await ValidateAsync(Request(InlineImage()) with { Link = link });

        Single(result, PreflightCodes.DestinationUrlReachable);
    }

    [Fact]
    public async Task The_link_is_not_probed_when_checking_is_off()
    {
        var link = _server.Serve("/dead", [], "text/html", 404);

        var result = await ValidateAsync(Request(InlineImage()) with { Link = link }, o => o.CheckDestinationLink = false);

        Assert.Empty(result.Issues);
        Assert.Equal(0, _server.Hits("/dead"));
    }
}
