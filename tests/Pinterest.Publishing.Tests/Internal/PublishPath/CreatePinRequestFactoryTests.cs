using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

public class CreatePinRequestFactoryTests
{
    private static PublishPinRequest Request(PinMedia media) => new()
    {
        AccountId = "acct",
        BoardId = "123",
        BoardSectionId = "456",
        Title = "Title",
        Description = "Description",
        Link = new Uri("https://example.com/page?x=1"),
        AltText = "Alt",
        DominantColor = "#112233",
        Media = media,
    };

    [Fact]
    public void Image_url_maps_every_text_field_and_the_url()
    {
        var body = CreatePinRequestFactory.Create(Request(PinMedia.Image(new Uri("https://cdn.example.com/a.jpg"))), "999");

        Assert.Equal("999", body.BoardId);
        Assert.Equal("456", body.BoardSectionId);
        Assert.Equal("Title", body.Title);
        Assert.Equal("Description", body.Description);
        Assert.Equal("https://example.com/page?x=1", body.Link);
        Assert.Equal("Alt", body.AltText);
        Assert.Equal("#112233", body.DominantColor);
        var source = Assert.IsType<ImageUrlMediaSource>(body.MediaSource);
        Assert.Equal("https://cdn.example.com/a.jpg", source.Url);
    }

    [Fact]
    public void Inline_image_is_bare_base64()
    {
        var body = CreatePinRequestFactory.Create(Request(PinMedia.Image(new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg")), "1");

        var source = Assert.IsType<ImageBase64MediaSource>(body.MediaSource);
        Assert.Equal("image/jpeg", source.ContentType);
        Assert.Equal("/9j/", source.Data);
    }

    [Fact]
    public void Carousel_keeps_order_and_per_item_fields()
    {
        var media = PinMedia.Carousel(
            new CarouselItem(new Uri("https://cdn.example.com/1.jpg")) { Title = "one", Link = new Uri("https://example.com/1") },
            new CarouselItem(new Uri("https://cdn.example.com/2.jpg")) { Description = "two" });

        var source = Assert.IsType<MultipleImageUrlsMediaSource>(CreatePinRequestFactory.Create(Request(media), "1").MediaSource);

        Assert.Equal(["https://cdn.example.com/1.jpg", "https://cdn.example.com/2.jpg"], source.Items.Select(i => i.Url));
        Assert.Equal("one", source.Items[0].Title);
        Assert.Equal("https://example.com/1", source.Items[0].Link);
        Assert.Equal("two", source.Items[1].Description);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(2.7, 2)]
    [InlineData(0.4, 0)]
    public void Video_cover_defaults_to_the_first_frame_and_rounds_key_frames_down(double? seconds, int expected)
    {
        var cover = seconds is null ? null : VideoCover.FromKeyFrame(TimeSpan.FromSeconds(seconds.Value));
        var body = CreatePinRequestFactory.Create(Request(PinMedia.Video(VideoSource.FromFile("v.mp4"), cover)), "1", "777");

        var source = Assert.IsType<VideoIdMediaSource>(body.MediaSource);
        Assert.Equal("777", source.MediaId);
        Assert.Equal(expected, source.CoverImageKeyFrameTime);
        Assert.Null(source.CoverImageUrl);
    }

    [Fact]
    public void Video_url_cover_is_sent_as_cover_image_url()
    {
        var media = PinMedia.Video(VideoSource.FromFile("v.mp4"), VideoCover.FromUrl(new Uri("https://cdn.example.com/cover.jpg")));

        var source = Assert.IsType<VideoIdMediaSource>(CreatePinRequestFactory.Create(Request(media), "1", "777").MediaSource);

        Assert.Equal("https://cdn.example.com/cover.jpg", source.CoverImageUrl);
        Assert.Null(source.CoverImageKeyFrameTime);
    }

    [Fact]
    public void Video_without_media_id_is_a_programming_error()
    {
        var request = Request(PinMedia.Video(VideoSource.FromFile("v.mp4")));

        Assert.Throws<InvalidOperationException>(() => CreatePinRequestFactory.Create(request, "1"));
    }
}
