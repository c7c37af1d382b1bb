using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>Image URLs probed against WireMock.Net on loopback, serving the committed fixtures.</summary>
public sealed class ImageProbeTests : IDisposable
{
    private readonly MediaWireMock _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("large-1000x1500.jpg", "image/jpeg")]
    [InlineData("large-1000x1500.png", "image/png")]
    [InlineData("large-1000x1000.jpg", "image/jpeg")]
    [InlineData("large-1000x1000.png", "image/png")]
    public async Task A_valid_image_url_has_no_issues(string file, string type)
    {
        var url = _server.ServeFixture("/img/" + file, file, type);

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        Assert.Empty(result.Issues);
    }

    [Fact]
    public async Task Probes_use_get_never_head_and_a_server_refusing_head_still_validates()
    {
        // MediaWireMock answers 405 to HEAD on every path.
        var url = _server.ServeFixture("/no-head.jpg", "large-1000x1500.jpg", "image/jpeg; charset=binary");

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        Assert.Empty(result.Issues);
        var methods = _server.Server.LogEntries.Select(e => e.RequestMessage.Method).ToArray();
        Assert.Equal(["GET"], methods);
        Assert.Equal("bytes=0-65535", _server.Server.LogEntries.Single().RequestMessage.Headers!["Range"].Single());
    }

    [Theory]
    [InlineData(404)]
    [InlineData(403)]
    [InlineData(500)]
    public async Task An_image_url_answering_an_error_status_is_unreachable(int status)
    {
        var url = _server.Serve("/missing.jpg", "<html>nope</html>"u8.ToArray(), "text/html", status);

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        var issue = Single(result, PreflightCodes.ImageUrlReachable);
        Assert.Equal("media", issue.Target);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Fact]
    public async Task A_webp_served_as_webp_is_not_an_allowed_type()
    {
        var url = _server.ServeFixture("/photo.webp", "large-1000x1500.webp", "image/webp");

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        Assert.Equal([PreflightCodes.ImageMimeAllowed], Codes(result));
    }

    [Fact]
    public async Task A_jpg_that_is_really_webp_is_a_mismatch_warning()
    {
        var url = _server.ServeFixture("/photo.jpg", "large-1000x1500.webp", "image/jpeg");

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        var issue = Single(result, PreflightCodes.ImageMimeMismatch);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.Contains("image/webp", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Fact]
    public async Task A_gif_is_not_allowed_and_a_missing_content_type_is_reported()
    {
        var gif = _server.ServeFixture("/anim.gif", "portrait-200x300.gif", "image/gif");
        var untyped = _server.ServeFixture("/untyped", "large-1000x1500.png", null);

        var gifResult = await ValidateAsync(Request(PinMedia.Image(gif)));
        var untypedResult = await ValidateAsync(Request(PinMedia.Image(untyped)));

        Assert.Contains(PreflightCodes.ImageMimeAllowed, Codes(gifResult));
        Assert.Contains(PreflightCodes.ImageDimensionsMin, Codes(gifResult));
        Assert.Contains("Content-Type", Single(untypedResult, PreflightCodes.ImageMimeAllowed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_image_larger_than_the_limit_by_content_length_is_an_error()
    {
        var bytes = TestMedia.Bytes("large-1000x1500.jpg");
        var url = _server.Serve("/big.jpg", bytes, "image/jpeg");

        var result = await ValidateAsync(Request(PinMedia.Image(url)), o => o.MaxImageBytes = bytes.Length - 1);

        Assert.Equal([PreflightCodes.ImageSizeMax], Codes(result));
    }

    [Theory]
    [InlineData("square-100.jpg", "image/jpeg")]
    [InlineData("portrait-200x300.png", "image/png")]
    [InlineData("odd-400x300.jpg", "image/jpeg")]
    public async Task A_small_image_is_a_dimensions_warning(string file, string type)
    {
        var url = _server.ServeFixture("/small", file, type);

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        var issue = Single(result, PreflightCodes.ImageDimensionsMin);
        Assert.Equal(PreflightSeverity.Warning, issue.Severity);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task Html_served_as_jpeg_is_unreadable()
    {
        var url = _server.Serve("/page.jpg", "<!DOCTYPE html><html><body>Login</body></html>"u8.ToArray(), "image/jpeg");

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(result));
    }

    [Fact]
    public async Task A_truncated_jpeg_is_unreadable()
    {
        var jpeg = TestMedia.Bytes("large-1000x1500.jpg");
        var url = _server.Serve("/cut.jpg", jpeg.AsSpan(0, TestMedia.FindMarker(jpeg, 0xC0) + 4).ToArray(), "image/jpeg");

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        Assert.Equal([PreflightCodes.ImageUnreadable], Codes(result));
    }

    [Fact]
    public async Task A_redirected_image_is_followed_and_validated()
    {
        var target = _server.ServeFixture("/cdn/real.png", "large-1000x1500.png", "image/png");
        var first = _server.Redirect("/short", "/cdn/real.png", 301);

        var result = await ValidateAsync(Request(PinMedia.Image(first)));

        Assert.Empty(result.Issues);
        Assert.Equal(1, _server.Hits(target.AbsolutePath));
        Assert.Equal(1, _server.Hits("/short"));
    }

    [Theory]
    [InlineData("//2[")]
    [InlineData("//[::1")]
    public async Task A_redirect_to_a_malformed_location_makes_the_image_unreachable_instead_of_throwing(string location)
    {
        var url = _server.Redirect("/odd", location, 308);

        var result = await ValidateAsync(Request(PinMedia.Image(url)));

        Assert.Contains("308", Single(result, PreflightCodes.ImageUrlReachable).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_five_redirects_make_the_image_unreachable()
    {
        for (var i = 0; i < 7; i++)
        {
            _server.Redirect($"/loop{i}", $"/loop{i + 1}");
        }

        var result = await ValidateAsync(Request(PinMedia.Image(_server.Url("/loop0"))));

        Assert.Contains("302", Single(result, PreflightCodes.ImageUrlReachable).Message, StringComparison.Ordinal);
        Assert.Equal(6, _server.Server.LogEntries.Count);
    }

    [Fact]
    public async Task An_unreachable_port_is_reported_not_thrown()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await ValidateAsync(Request(PinMedia.Image(new Uri($"http://127.0.0.1:{port}/a.jpg"))));

        Assert.Contains("connection", Single(result, PreflightCodes.ImageUrlReachable).Message, StringComparison.Ordinal);
    }
}
