namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A request of every media shape, for the durable JSON contract and the durable stores' tests.</summary>
internal static class PublishPinRequestSamples
{
    private static readonly DateTimeOffset Deadline = new(2026, 11, 30, 18, 45, 12, 345, TimeSpan.FromHours(5.5));

    public static PublishPinRequest Minimal(PinMedia media) => new() { AccountId = "acct-1", Media = media };

    /// <summary>Every member of <see cref="PublishPinRequest"/> set.</summary>
    public static PublishPinRequest Full { get; } = new()
    {
        AccountId = "acct-1",
        BoardId = "1234567890",
        BoardSectionId = "9876543210",
        Title = "Autumn soup",
        Description = "Roasted squash, three ways.",
        Link = new Uri("https://shop.example.com/soup?utm_source=pinterest&sig=abc#top"),
        AltText = "A bowl of orange soup",
        DominantColor = "#E07B39",
        Media = PinMedia.Video(VideoSource.FromUrl(new Uri("https://cdn.example.com/v.mp4?X-Amz-Signature=abc")), VideoCover.FromUrl(new Uri("https://cdn.example.com/c.jpg"))),
        CreateDeadline = Deadline,
        OperationId = "scheduled-42",
    };

    public static IReadOnlyDictionary<string, PublishPinRequest> Shapes { get; } = new Dictionary<string, PublishPinRequest>
    {
        ["image url, only required members"] = Minimal(PinMedia.Image(new Uri("https://example.com/a.jpg"))),
        ["image url, every member"] = Full with { Media = PinMedia.Image(new Uri("https://example.com/a.jpg?w=1000")) },
        ["inline jpeg"] = Minimal(PinMedia.Image(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 0xFF, 0xD9 }, "image/jpeg")),
        ["inline png, every member"] = Full with { Media = PinMedia.Image(Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray(), "image/png") },
        ["inline, empty"] = Minimal(PinMedia.Image(ReadOnlyMemory<byte>.Empty, "image/png")),
        ["carousel of 2"] = Minimal(PinMedia.Carousel(
            new CarouselItem(new Uri("https://example.com/1.jpg")),
            new CarouselItem(new Uri("https://example.com/2.jpg")))),
        ["carousel of 5, mixed items"] = Full with
        {
            Media = PinMedia.Carousel(
                new CarouselItem(new Uri("https://example.com/1.jpg")) { Title = "One", Description = "First", Link = new Uri("https://shop.example.com/1") },
                new CarouselItem(new Uri("https://example.com/2.jpg?sig=x")),
                new CarouselItem(new Uri("https://example.com/3.jpg")) { Title = "Three" },
                new CarouselItem(new Uri("https://example.com/4.jpg")) { Description = "Only a description" },
                new CarouselItem(new Uri("https://example.com/5.jpg")) { Link = new Uri("https://shop.example.com/5?ref=pin") }),
        },
        ["video file, no cover"] = Minimal(PinMedia.Video(VideoSource.FromFile("/data/videos/clip.mp4"))),
        ["video file, url cover"] = Minimal(PinMedia.Video(VideoSource.FromFile("/data/videos/clip.mov"), VideoCover.FromUrl(new Uri("https://example.com/cover.jpg")))),
        ["video file, key frame cover"] = Minimal(PinMedia.Video(VideoSource.FromFile("C:\\videos\\clip.m4v"), VideoCover.FromKeyFrame(TimeSpan.FromTicks(12_345_678)))),
        ["video url, no cover"] = Minimal(PinMedia.Video(VideoSource.FromUrl(new Uri("https://cdn.example.com/v.mp4")))),
        ["video url, url cover"] = Full,
        ["video url, key frame cover"] = Minimal(PinMedia.Video(VideoSource.FromUrl(new Uri("http://cdn.example.com/v.mp4")), VideoCover.FromKeyFrame(TimeSpan.Zero))),
        ["video uploaded, no cover"] = Minimal(PinMedia.Video(VideoSource.FromUploadedMedia("5012345678901234567"))),
        ["video uploaded, url cover"] = Minimal(PinMedia.Video(VideoSource.FromUploadedMedia("501"), VideoCover.FromUrl(new Uri("https://example.com/c.png")))),
        ["video uploaded, key frame cover"] = Full with { Media = PinMedia.Video(VideoSource.FromUploadedMedia("502"), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(90.5))) },
    };
}
