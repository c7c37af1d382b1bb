using System.Text.Json;
using System.Text.Json.Nodes;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Scheduling;

public sealed class PublishPinRequestJsonTests
{
    private const string Unicode = "Café ☕ 漢字 עברית مرحبا 👩‍👩‍👧 e\u0301 \u200b\t\"quoted\" \\ </script>";

    public static TheoryData<string> Shapes => new(PublishPinRequestSamples.Shapes.Keys);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_media_shape_round_trips(string shape)
    {
        var request = PublishPinRequestSamples.Shapes[shape];

        var read = PublishPinRequestJson.Deserialize(PublishPinRequestJson.Serialize(request));

        RequestComparer.AssertSame(request, read);
    }

    [Fact]
    public void Every_member_of_the_request_round_trips()
    {
        var request = PublishPinRequestSamples.Full;

        // The sample sets every member, so a member added to PublishPinRequest later fails here until the JSON keeps it.
        foreach (var property in typeof(PublishPinRequest).GetProperties())
        {
            Assert.True(property.GetValue(request) is not null, $"The full sample leaves {property.Name} unset.");
        }

        RequestComparer.AssertSame(request, PublishPinRequestJson.Deserialize(PublishPinRequestJson.Serialize(request)));
    }

    [Fact]
    public void Unicode_text_round_trips_in_every_text_member()
    {
        var request = new PublishPinRequest
        {
            AccountId = "acct " + Unicode,
            BoardId = "1",
            Title = Unicode,
            Description = Unicode + Unicode,
            AltText = Unicode,
            OperationId = Unicode,
            Link = new Uri("https://example.com/ünïcödé/漢字?q=é"),
            Media = PinMedia.Carousel(
                new CarouselItem(new Uri("https://example.com/a.jpg")) { Title = Unicode, Description = Unicode },
                new CarouselItem(new Uri("https://例え.jp/画像.png"))),
        };

        var read = PublishPinRequestJson.Deserialize(PublishPinRequestJson.Serialize(request));

        RequestComparer.AssertSame(request, read);
        Assert.Equal(Unicode, read.Title);
    }

    [Fact]
    public void A_video_file_path_with_unicode_round_trips()
    {
        var request = PublishPinRequestSamples.Minimal(PinMedia.Video(VideoSource.FromFile("/var/vidéos/漢字 clip.mp4")));

        RequestComparer.AssertSame(request, PublishPinRequestJson.Deserialize(PublishPinRequestJson.Serialize(request)));
    }

    [Fact]
    public void The_json_carries_the_version_and_the_discriminators()
    {
        var json = JsonNode.Parse(PublishPinRequestJson.Serialize(PublishPinRequestSamples.Minimal(
            PinMedia.Video(VideoSource.FromUploadedMedia("123"), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(2))))))!;

        Assert.Equal(1, json["v"]!.GetValue<int>());
        Assert.Equal("video", json["media"]!["type"]!.GetValue<string>());
        Assert.Equal("uploaded_media", json["media"]!["source"]!["type"]!.GetValue<string>());
        Assert.Equal("123", json["media"]!["source"]!["media_id"]!.GetValue<string>());
        Assert.Equal("key_frame", json["media"]!["cover"]!["type"]!.GetValue<string>());

        Assert.Equal("image_inline", JsonNode.Parse(PublishPinRequestJson.Serialize(
            PublishPinRequestSamples.Minimal(PinMedia.Image(new byte[] { 1, 2, 3 }, "image/png"))))!["media"]!["type"]!.GetValue<string>());
        Assert.Equal("carousel", JsonNode.Parse(PublishPinRequestJson.Serialize(
            PublishPinRequestSamples.Shapes["carousel of 2"]))!["media"]!["type"]!.GetValue<string>());
        Assert.Equal("image_url", JsonNode.Parse(PublishPinRequestJson.Serialize(
            PublishPinRequestSamples.Shapes["image url, only required members"]))!["media"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void A_url_with_userinfo_and_query_round_trips_exactly_but_prints_redacted()
    {
        const string Signed = "https://user:hunter2@cdn.example.com/p/a.jpg?X-Amz-Signature=s3cr3tsig&expires=1";
        var request = PublishPinRequestSamples.Minimal(PinMedia.Image(new Uri(Signed))) with
        {
            Link = new Uri("https://shop.example.com/item?token=l1nks3cr3t"),
        };

        var read = PublishPinRequestJson.Deserialize(PublishPinRequestJson.Serialize(request));

        Assert.Equal(Signed, ((ImageUrlPinMedia)read.Media).Url.OriginalString);
        Assert.Equal("https://shop.example.com/item?token=l1nks3cr3t", read.Link!.OriginalString);
        var printed = read.ToString();
        Assert.DoesNotContain("s3cr3tsig", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("l1nks3cr3t", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_video_source_is_refused_naming_the_member_and_the_fix()
    {
        using var stream = new MemoryStream([0, 0, 0, 24]);
        var request = PublishPinRequestSamples.Minimal(PinMedia.Video(VideoSource.FromStream(stream, "video/mp4")));

        var e = Assert.Throws<ArgumentException>(() => PublishPinRequestJson.Serialize(request));

        Assert.Equal(
            "Media.Source: a stream cannot be kept for a scheduled Pin; save it to a file and use VideoSource.FromFile, or upload it first and use VideoSource.FromUploadedMedia. (Parameter 'request')",
            e.Message);
    }

    [Fact]
    public void Inline_image_bytes_at_the_limit_are_kept_and_one_byte_more_is_refused()
    {
        var atLimit = PublishPinRequestSamples.Minimal(PinMedia.Image(new byte[PublishPinRequestJson.MaxInlineImageBytes], "image/jpeg"));
        RequestComparer.AssertSame(atLimit, PublishPinRequestJson.Deserialize(PublishPinRequestJson.Serialize(atLimit)));

        var over = PublishPinRequestSamples.Minimal(PinMedia.Image(new byte[PublishPinRequestJson.MaxInlineImageBytes + 1], "image/jpeg"));
        var e = Assert.Throws<ArgumentException>(() => PublishPinRequestJson.Serialize(over));

        Assert.StartsWith("Media.Data: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("1048577 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("1048576", e.Message, StringComparison.Ordinal);
        Assert.Contains("host the image and use PinMedia.Image(Uri) with its URL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_url_is_refused_without_printing_it()
    {
        var request = PublishPinRequestSamples.Minimal(PinMedia.Image(new Uri("https://example.com/a.jpg"))) with
        {
            Link = new Uri("/item?token=s3cr3t", UriKind.Relative),
        };

        var e = Assert.Throws<ArgumentException>(() => PublishPinRequestJson.Serialize(request));

        Assert.StartsWith("Link is a relative URL; give an absolute http(s) URL.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"v":2,"account_id":"a","media":{"type":"image_url","url":"https://e.com/a.jpg"}}""", "\"v\": 2 is not a version")]
    [InlineData("""{"account_id":"a","media":{"type":"image_url","url":"https://e.com/a.jpg"}}""", "\"v\" is missing")]
    [InlineData("""{"v":1,"account_id":"a","media":{"type":"gif","url":"https://e.com/a.gif"}}""", "\"media.type\": \"gif\" is not a kind")]
    [InlineData("""{"v":1,"account_id":"a","media":{"type":"video","source":{"type":"ftp","url":"ftp://e.com/v.mp4"}}}""", "\"media.source.type\": \"ftp\" is not a kind")]
    [InlineData("""{"v":1,"account_id":"a","media":{"type":"video","source":{"type":"file","path":"/v.mp4"},"cover":{"type":"gif"}}}""", "\"media.cover.type\": \"gif\" is not a kind")]
    [InlineData("""{"v":1,"account_id":"a"}""", "\"media\" is missing")]
    [InlineData("""{"v":1,"media":{"type":"image_url","url":"https://e.com/a.jpg"}}""", "\"account_id\" is missing")]
    [InlineData("""{"v":1,"account_id":"a","media":{"url":"https://e.com/a.jpg"}}""", "\"media.type\" is missing")]
    [InlineData("""{"v":1,"account_id":"a","media":{"type":"carousel","items":[{"url":"https://e.com/a.jpg"},{"title":"x"}]}}""", "\"media.items[1].url\" is missing")]
    [InlineData("""{"v":1,"account_id":"a","media":{"type":"video","source":{"type":"uploaded_media","media_id":"12ab"}}}""", "media.source.media_id holds a value the library refuses")]
    [InlineData("""{"v":1,"account_id":"a","media":{"type":"video","source":{"type":"file","path":"/v\u0000.mp4"}}}""", "media.source.path holds a value the library refuses")]
    [InlineData("null", "The JSON is null")]
    public void Json_the_library_cannot_read_is_a_JsonException_naming_what(string json, string expected)
    {
        var e = Assert.Throws<JsonException>(() => PublishPinRequestJson.Deserialize(json));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_that_is_not_absolute_in_a_row_is_refused_without_printing_it()
    {
        var e = Assert.Throws<JsonException>(() => PublishPinRequestJson.Deserialize(
            """{"v":1,"account_id":"a","link":"shop.example.com/x?sig=s3cr3t","media":{"type":"image_url","url":"https://e.com/a.jpg"}}"""));

        Assert.Equal("link is not an absolute URL.", e.Message);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => PublishPinRequestJson.Serialize(null!));
        Assert.Throws<ArgumentNullException>(() => PublishPinRequestJson.Deserialize(null!));
    }
}
