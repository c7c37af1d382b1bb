using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

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
}
