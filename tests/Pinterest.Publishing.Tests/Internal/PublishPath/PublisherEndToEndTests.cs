using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

public class PublisherEndToEndTests
{
    [Fact]
    public async Task Image_url_pin_is_created_with_every_field()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var imageUrl = h.Host("large-1000x1500.jpg", "image/jpeg");
        var link = h.Emulator.HostMedia("page.html", "<html></html>"u8.ToArray(), "text/html");

        var result = await h.Publisher.PublishAsync(new PublishPinRequest
        {
            AccountId = PublishingHarness.AccountId,
            BoardId = h.Board.Id,
            Title = "Soup",
            Description = "Warm soup",
            Link = link,
            AltText = "A bowl",
            DominantColor = "#aa5500",
            Media = PinMedia.Image(imageUrl),
        });

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(pin.Id, result.PinId);
        Assert.False(result.Reconciled);
        Assert.Equal(h.Board.Id, pin.BoardId);
        Assert.Equal("Soup", pin.Title);
        Assert.Equal("Warm soup", pin.Description);
        Assert.Equal(link.AbsoluteUri, pin.Link);
        Assert.Equal("A bowl", pin.AltText);
        Assert.Equal("#aa5500", pin.DominantColor);
        Assert.Equal("image_url", pin.MediaSourceType);
        Assert.Equal([imageUrl.AbsoluteUri], pin.ImageUrls);
    }

    [Fact]
    public async Task Inline_image_is_sent_as_base64()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var png = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", "large-1000x1000.png"));

        await h.Publisher.PublishAsync(new PublishPinRequest { AccountId = PublishingHarness.AccountId, BoardId = h.Board.Id, Title = "Inline", Media = PinMedia.Image(png, "image/png") });

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal("image_base64", pin.MediaSourceType);
    }

    [Fact]
    public async Task Carousel_is_created_with_its_items_in_order()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var a = h.Host("large-1000x1000.jpg", "image/jpeg");
        var b = h.Host("large-1000x1000.png", "image/png");

        await h.Publisher.PublishAsync(new PublishPinRequest
        {
            AccountId = PublishingHarness.AccountId,
            BoardId = h.Board.Id,
            Title = "Steps",
            Media = PinMedia.Carousel(new CarouselItem(a) { Title = "one" }, new CarouselItem(b), new CarouselItem(a)),
        });

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal("multiple_image_urls", pin.MediaSourceType);
        Assert.Equal([a.AbsoluteUri, b.AbsoluteUri, a.AbsoluteUri], pin.ImageUrls);
    }

    [Fact]
    public async Task Video_pin_is_uploaded_processed_and_created_with_the_default_cover()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", "video-5s.mp4");

        var result = await h.DriveAsync(
            h.Publisher.PublishAsync(new PublishPinRequest { AccountId = PublishingHarness.AccountId, BoardId = h.Board.Id, Title = "Clip", Media = PinMedia.Video(VideoSource.FromFile(path)) }),
            TimeSpan.FromSeconds(1));

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(result.PinId, pin.Id);
        Assert.Equal("video_id", pin.MediaSourceType);
        Assert.Equal(0, pin.CoverImageKeyFrameTime);
        var upload = Assert.Single(h.Emulator.Uploads);
        Assert.Equal(new FileInfo(path).Length, upload.FileLength);
        Assert.Equal(pin.MediaId, upload.MediaId);
    }

    [Fact]
    public async Task Preflight_rejection_sends_nothing_to_pinterest()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var request = h.ImageRequest(title: new string('t', 101), boardId: "My recipes board");

        var ex = await Assert.ThrowsAsync<PinPreflightException>(() => h.Publisher.PublishAsync(request));

        Assert.Contains(ex.Result.Errors, i => i.Code == PreflightCodes.BoardIdFormat);
        Assert.Contains(ex.Result.Errors, i => i.Code == PreflightCodes.TitleLengthMax);
        Assert.DoesNotContain(h.Emulator.Requests, r => r.Path.StartsWith("/v5/", StringComparison.Ordinal));
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task Default_board_is_used_when_the_request_has_none()
    {
        EmulatedBoard? board = null;
        await using var h = await PublishingHarness.CreateAsync(services =>
            services.AddSingleton<IDefaultBoardProvider>(new DelegateBoardProvider(() => board!.Id)));
        board = h.Board;

        var result = await h.Publisher.PublishAsync(h.ImageRequest() with { BoardId = null });

        Assert.Equal(h.Board.Id, Assert.Single(h.Emulator.Pins).BoardId);
        Assert.NotEmpty(result.PinId);
    }

    [Fact]
    public async Task No_board_and_no_default_is_a_preflight_error()
    {
        await using var h = await PublishingHarness.CreateAsync();

        var ex = await Assert.ThrowsAsync<PinPreflightException>(() => h.Publisher.PublishAsync(h.ImageRequest() with { BoardId = null }));

        Assert.Contains(ex.Result.Errors, i => i.Code == PreflightCodes.BoardRequired);
    }

    [Fact]
    public async Task Trial_access_surfaces_as_its_exception()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.TrialAccess = true;

        var ex = await Assert.ThrowsAsync<PinterestTrialAccessException>(() => h.Publisher.PublishAsync(h.ImageRequest()));

        Assert.Contains("sandbox", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task An_account_without_a_token_must_be_reauthorized()
    {
        await using var h = await PublishingHarness.CreateAsync(storeToken: false);

        var ex = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => h.Publisher.PublishAsync(h.ImageRequest()));

        Assert.Equal(PublishingHarness.AccountId, ex.AccountId);
    }

    [Fact]
    public async Task A_revoked_account_must_be_reauthorized_after_one_refresh_attempt()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.RevokeTokens(h.User);

        await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => h.Publisher.PublishAsync(h.ImageRequest()));

        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_and_the_rotated_refresh_token_stored()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var store = h.Services.GetRequiredService<IPinterestTokenStore>();
        var before = await store.GetTokenAsync(PublishingHarness.AccountId);
        h.Time.Advance(TimeSpan.FromDays(31));

        await h.Publisher.PublishAsync(h.ImageRequest());

        var after = await store.GetTokenAsync(PublishingHarness.AccountId);
        Assert.Equal(1, h.Emulator.TokenRefreshCount);
        Assert.NotEqual(before!.RefreshToken, after!.RefreshToken);
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Single(h.Emulator.Pins);
    }

    private sealed class DelegateBoardProvider(Func<string?> boardId) : IDefaultBoardProvider
    {
        public Task<string?> GetDefaultBoardIdAsync(string accountId, CancellationToken cancellationToken = default) => Task.FromResult(boardId());
    }
}
