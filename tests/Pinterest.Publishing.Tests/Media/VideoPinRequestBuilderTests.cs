using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Media;

namespace Pinterest.Publishing.Tests.Media;

public sealed class VideoPinRequestBuilderTests
{
    [Fact]
    public void NoCover_IsTheKeyFrameAtZero()
    {
        var source = VideoPinRequestBuilder.BuildMediaSource("123", cover: null);

        Assert.Equal("123", source.MediaId);
        Assert.Equal(0, source.CoverImageKeyFrameTime);
        Assert.Null(source.CoverImageUrl);
        Assert.Null(source.CoverImageData);
    }

    [Theory]
    [InlineData(2.7, 2)]
    [InlineData(0.4, 0)]
    [InlineData(15, 15)]
    [InlineData(59.999, 59)]
    public void KeyFrameCover_IsWholeSeconds_RoundedDown(double seconds, int expected)
    {
        var source = VideoPinRequestBuilder.BuildMediaSource("123", VideoCover.FromKeyFrame(TimeSpan.FromSeconds(seconds)));

        Assert.Equal(expected, source.CoverImageKeyFrameTime);
        Assert.Null(source.CoverImageUrl);
    }

    [Fact]
    public void UrlCover_IsSentAsCoverImageUrl_Only()
    {
        var source = VideoPinRequestBuilder.BuildMediaSource("123", VideoCover.FromUrl(new Uri("https://cdn.example.com/cover.jpg")));

        Assert.Equal("https://cdn.example.com/cover.jpg", source.CoverImageUrl);
        Assert.Null(source.CoverImageKeyFrameTime);
    }

    [Fact]
    public void CreatePinRequest_CarriesTheDraftFields_TheBoard_AndTheVideoSource()
    {
        var request = new PublishPinRequest
        {
            AccountId = "acct",
            BoardId = "ignored-here",
            BoardSectionId = "55",
            Title = "Title",
            Description = "Description",
            Link = new Uri("https://example.com/page?a=1"),
            AltText = "Alt",
            DominantColor = "#112233",
            Media = PinMedia.Video(VideoSource.FromFile("/tmp/x.mp4"), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(3.2))),
        };

        var body = VideoPinRequestBuilder.BuildCreatePinRequest(request, "987654", "321");

        Assert.Equal("987654", body.BoardId);
        Assert.Equal("55", body.BoardSectionId);
        Assert.Equal("Title", body.Title);
        Assert.Equal("Description", body.Description);
        Assert.Equal("https://example.com/page?a=1", body.Link);
        Assert.Equal("Alt", body.AltText);
        Assert.Equal("#112233", body.DominantColor);
        var video = Assert.IsType<VideoIdMediaSource>(body.MediaSource);
        Assert.Equal("321", video.MediaId);
        Assert.Equal(3, video.CoverImageKeyFrameTime);
    }

    [Fact]
    public void CreatePinRequest_ForAnImage_IsRefused()
    {
        var request = new PublishPinRequest { AccountId = "a", Media = PinMedia.Image(new Uri("https://example.com/i.jpg")) };

        Assert.Throws<ArgumentException>(() => VideoPinRequestBuilder.BuildCreatePinRequest(request, "1", "2"));
    }
}
