using System.Text;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

public sealed class MultipartVideoContentTests
{
    private static readonly KeyValuePair<string, string>[] Fields =
    [
        new("key", "uploads/a.mp4"),
        new("policy", "cG9saWN5"),
        new("x-amz-signature", "abc123"),
    ];

    [Fact]
    public async Task Body_HasFieldsInOrderThenFileLast_AndLengthMatches()
    {
        var video = TestBytes.Create(300_000);
        await using var opened = new OpenedVideo(new MemoryStream(video), video.Length, "video/mp4", ownsStream: true);
        using var content = new MultipartVideoContent(Fields, opened, progress: null);

        var body = await content.ReadAsByteArrayAsync();

        Assert.Equal(body.Length, content.Headers.ContentLength);
        Assert.Equal(content.BodyLength, body.Length);
        var parts = MultipartBody.Parse(body, content.Boundary);
        Assert.Equal(["key", "policy", "x-amz-signature", "file"], parts.Select(p => p.Name));
        Assert.Equal(["uploads/a.mp4", "cG9saWN5", "abc123"], parts.Take(3).Select(p => p.Text));
        Assert.Equal("video.mp4", parts[3].FileName);
        Assert.Equal("video/mp4", parts[3].ContentType);
        Assert.Equal(video, parts[3].Data);
        Assert.StartsWith("multipart/form-data", content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains(content.Boundary, content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_ReportsGrowingByteCounts_UpToTheVideoLength()
    {
        var length = (MultipartVideoContent.BufferSize * 2) + 12_345;
        var video = new byte[length];
        await using var opened = new OpenedVideo(new MemoryStream(video), length, "video/mp4", ownsStream: true);
        var progress = new RecordingProgress();
        using var content = new MultipartVideoContent(Fields, opened, progress);

        await content.CopyToAsync(Stream.Null);

        Assert.Equal(3, progress.Values.Count);
        Assert.Equal(length, progress.Values[^1]);
        Assert.True(progress.Values.Zip(progress.Values.Skip(1)).All(p => p.First < p.Second));
    }

    [Fact]
    public async Task SeekableStream_IsSentFromItsCurrentPosition_AndAgainWhenResent()
    {
        var bytes = Encoding.ASCII.GetBytes("HEADERvideo-bytes");
        var stream = new MemoryStream(bytes) { Position = 6 };
        await using var opened = new OpenedVideo(stream, bytes.Length - 6, "video/quicktime", ownsStream: false);
        using var content = new MultipartVideoContent([], opened, progress: null);

        using var first = new MemoryStream();
        await content.CopyToAsync(first);
        using var second = new MemoryStream();
        await content.CopyToAsync(second);

        var part = Assert.Single(MultipartBody.Parse(first.ToArray(), content.Boundary));
        Assert.Equal("video-bytes", part.Text);
        Assert.Equal("video.mov", part.FileName);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public async Task VideoShorterThanDeclared_FailsInsteadOfSendingAShortBody()
    {
        await using var opened = new OpenedVideo(new MemoryStream(new byte[10]), 20, "video/mp4", ownsStream: true);
        using var content = new MultipartVideoContent(Fields, opened, progress: null);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => content.CopyToAsync(Stream.Null));

        Assert.IsType<IOException>(ex is HttpRequestException ? ex.InnerException : ex);
    }

    [Fact]
    public async Task FieldNamesWithQuotes_AreEscaped()
    {
        await using var opened = new OpenedVideo(new MemoryStream([1]), 1, "video/mp4", ownsStream: true);
        using var content = new MultipartVideoContent([new("a\"b", "v")], opened, progress: null);

        var text = Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync());

        Assert.Contains("name=\"a%22b\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("FILE")]
    [InlineData("File")]
    public async Task An_upload_parameter_named_file_is_skipped_so_the_video_is_the_only_file_part(string name)
    {
        var video = TestBytes.Create(1000);
        await using var opened = new OpenedVideo(new MemoryStream(video), video.Length, "video/mp4", ownsStream: true);
        using var content = new MultipartVideoContent([new("key", "k"), new(name, "NOT-THE-VIDEO"), new("policy", "p")], opened, progress: null);

        var body = await content.ReadAsByteArrayAsync();

        var parts = MultipartBody.Parse(body, content.Boundary);
        Assert.Equal(["key", "policy", "file"], parts.Select(p => p.Name));
        Assert.Equal(video, Assert.Single(parts, p => p.Name.Equals("file", StringComparison.OrdinalIgnoreCase)).Data);
        Assert.DoesNotContain("NOT-THE-VIDEO", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal([name], content.SkippedFieldNames);
    }

    [Fact]
    public async Task Names_and_values_with_line_breaks_and_quotes_cannot_add_headers_or_parts()
    {
        const string hostileValue = "v\r\nContent-Type: text/html\r\n\r\n\"x\"\r\n--not-the-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evil.mp4\"\r\n\r\nEVIL";
        const string hostileName = "n\"\r\nContent-Type: text/html\r\n\r\n";
        await using var opened = new OpenedVideo(new MemoryStream([1, 2, 3]), 3, "video/mp4", ownsStream: true);
        using var content = new MultipartVideoContent([new(hostileName, hostileValue), new("plain", hostileValue)], opened, progress: null);

        var parts = MultipartBody.Parse(await content.ReadAsByteArrayAsync(), content.Boundary);

        Assert.Equal(3, parts.Count);
        Assert.Equal("n%22%0D%0AContent-Type: text/html%0D%0A%0D%0A", parts[0].Name);
        Assert.Null(parts[0].FileName);
        Assert.Null(parts[0].ContentType);
        Assert.Equal(hostileValue, parts[0].Text);
        Assert.Equal(hostileValue, parts[1].Text);
        Assert.Null(parts[1].ContentType);
        Assert.Equal("file", parts[2].Name);
        Assert.Equal(new byte[] { 1, 2, 3 }, parts[2].Data);
    }

    [Fact]
    public async Task A_value_that_contains_the_boundary_is_refused_rather_than_ending_its_part_early()
    {
        const string boundary = "----KnownBoundary";
        await using var opened = new OpenedVideo(new MemoryStream([1]), 1, "video/mp4", ownsStream: true);

        var ex = Assert.Throws<ArgumentException>(() => new MultipartVideoContent(
            [new("policy", "x\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nEVIL")], opened, null, boundary));

        Assert.Contains("policy", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("EVIL", ex.Message, StringComparison.Ordinal);
    }
}
