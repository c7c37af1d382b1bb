using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// Media URLs may carry a password (<c>user:pass@</c>) or a signature in their query (signed CDN URLs): neither may reach
/// a record's <c>ToString()</c> or a log line.
/// </summary>
public sealed class RedactedUrlTests
{
    private static readonly Uri Signed = new("https://user:pass@cdn.example/x.jpg?X-Amz-Signature=secret");

    public static TheoryData<string, object> Shapes()
    {
        var request = new PublishPinRequest
        {
            AccountId = "acct-1",
            BoardId = "549755885175",
            Title = "Title",
            Link = Signed,
            Media = PinMedia.Image(Signed),
        };
        var carousel = PinMedia.Carousel(new CarouselItem(Signed) { Link = Signed, Title = "one" }, new CarouselItem(Signed));
        var video = PinMedia.Video(VideoSource.FromUrl(Signed), VideoCover.FromUrl(Signed));
        return new()
        {
            { "image", PinMedia.Image(Signed) },
            { "carousel", carousel },
            { "carousel item", new CarouselItem(Signed) { Link = Signed } },
            { "video", video },
            { "video source", VideoSource.FromUrl(Signed) },
            { "video cover", VideoCover.FromUrl(Signed) },
            { "request", request },
            { "carousel request", request with { Media = carousel } },
            { "video request", request with { Media = video } },
            { "scheduled pin", new ScheduledPin { Id = "s-1", Request = request with { Media = video }, DueAt = DateTimeOffset.UnixEpoch } },
            { "rejected", new PinPublishOutcome.Rejected($"The image at {Signed} could not be read.", ["image"]) },
            { "retry", new PinPublishOutcome.RetryAt(DateTimeOffset.UnixEpoch, $"Fetching {Signed.OriginalString} failed.") },
            { "unknown", new PinPublishOutcome.Unknown($"Created with {Signed}", DateTimeOffset.UnixEpoch) },
            { "reauthorize", new PinPublishOutcome.Reauthorize($"{Signed}") with { Reason = $"see {Signed.OriginalString}" } },
        };
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ToString_prints_urls_without_password_or_query(string shape, object value)
    {
        var text = value.ToString()!;

        Assert.DoesNotContain("pass", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", text, StringComparison.Ordinal);

        // Still useful: the host and path of the URL are printed.
        Assert.True(text.Contains("cdn.example/x.jpg", StringComparison.Ordinal), $"{shape}: {text}");
    }

    [Fact]
    public void Carousel_prints_each_item()
    {
        var text = PinMedia.Carousel(new CarouselItem(new Uri("https://cdn.example/a.jpg")), new CarouselItem(new Uri("https://cdn.example/b.jpg"))).ToString();

        Assert.Contains("https://cdn.example/a.jpg", text, StringComparison.Ordinal);
        Assert.Contains("https://cdn.example/b.jpg", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_of_a_url_with_a_password_and_a_signed_query_logs_neither_at_debug()
    {
        using var server = new MediaWireMock();
        server.ServeFixture("/x.jpg", "large-1000x1500.jpg", "image/jpeg");
        var url = new Uri($"http://user:pass@127.0.0.1:{server.Server.Port}/x.jpg?X-Amz-Signature=secret");
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        using var validator = PreflightTestKit.Validator(loggerFactory: loggerFactory);

        var result = await validator.ValidateAsync(PreflightTestKit.Request(PinMedia.Image(url)));

        Assert.Empty(result.Issues);
        Assert.Contains(logs.Entries, e => e.Contains("Debug", StringComparison.Ordinal) && e.Contains("/x.jpg", StringComparison.Ordinal));
        foreach (var entry in logs.Entries)
        {
            Assert.DoesNotContain("pass", entry, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", entry, StringComparison.Ordinal);
        }
    }
}
