using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Preflight;
using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// The ranged reads that look for a video URL's <c>moov</c> past the prefix are optional: a hostile length, a part of
/// another version of the file or a read cut off never turns into an exception or an "unreachable" verdict.
/// </summary>
public sealed class VideoRangedReadFailureTests
{
    private const int Prefix = 64 * 1024;

    [Fact]
    public async Task A_declared_length_near_long_max_neither_throws_nor_overflows_the_next_range()
    {
        // ftyp, then an mdat whose 64-bit size ends 50 bytes before long.MaxValue: the next box lies past any real file.
        var ftyp = Ftyp();
        var mdatHeader = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mdatHeader, 1);
        Encoding.ASCII.GetBytes("mdat").CopyTo(mdatHeader, 4);
        BinaryPrimitives.WriteUInt64BigEndian(mdatHeader.AsSpan(8), (ulong)(long.MaxValue - 50 - ftyp.Length));
        var prefix = new byte[Prefix];
        Concat(ftyp, mdatHeader).CopyTo(prefix, 0);
        var ranges = new List<string>();
        await using var server = new LoopbackHttpServer(async (request, stream, ct) =>
        {
            var range = request.Headers.GetValueOrDefault("range") ?? string.Empty;
            lock (ranges)
            {
                ranges.Add(range);
            }

            if (range == $"bytes=0-{Prefix - 1}")
            {
                await WriteAsync(stream, $"HTTP/1.1 206 Partial Content\r\nContent-Type: video/mp4\r\nContent-Length: {Prefix}\r\nContent-Range: bytes 0-{Prefix - 1}/{long.MaxValue}\r\n\r\n", prefix, ct);
                return;
            }

            await LoopbackHttpServer.WriteResponseAsync(stream, 416, ct: ct);
        });

        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(server.Url("/huge.mp4")))));

        Assert.DoesNotContain(PreflightCodes.VideoUrlReachable, Codes(result));
        Assert.All(ranges.Skip(1), r => Assert.Matches(@"^bytes=\d+-\d+$", r));
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("other-version")]
    public async Task A_failed_or_mismatched_moov_read_leaves_the_duration_unknown_not_the_url_unreachable(string failure)
    {
        var bytes = Mp4Shapes.MoovAtEnd(5);
        await using var server = new LoopbackHttpServer(async (request, stream, ct) =>
        {
            var range = request.Headers.GetValueOrDefault("range") ?? string.Empty;
            var (from, to) = ParseRange(range, bytes.Length);
            var part = bytes.AsSpan(from, to - from + 1).ToArray();
            if (from == 0)
            {
                await WriteAsync(stream, Head(from, to, bytes.Length, part.Length), part, ct);
                return;
            }

            if (failure == "cut")
            {
                // Announces the whole part, sends a tenth of it and hangs up.
                await WriteAsync(stream, Head(from, to, bytes.Length, part.Length), part.AsSpan(0, part.Length / 10).ToArray(), ct);
                throw new IOException("The test server hangs up mid-body (the loopback server closes the connection).");
            }

            // The file changed between the reads: the part belongs to a longer version.
            await WriteAsync(stream, Head(from, to, bytes.Length + 1000, part.Length), part, ct);
        });

        var result = await ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(server.Url("/moov-at-end.mp4")))));

        Assert.DoesNotContain(PreflightCodes.VideoUrlReachable, Codes(result));
        Assert.DoesNotContain(PreflightCodes.VideoUnreadable, Codes(result));
        Assert.Equal(PreflightSeverity.Warning, Single(result, PreflightCodes.VideoDurationUnknown).Severity);
    }

    [Theory]
    [InlineData("no-answer")]
    [InlineData("mid-body")]
    public async Task A_stalled_moov_read_ends_at_the_probe_timeout_as_duration_unknown_not_as_an_unreachable_url(string stall)
    {
        var bytes = Mp4Shapes.MoovAtEnd(5);
        var hold = new TaskCompletionSource();
        await using var server = new LoopbackHttpServer(async (request, stream, ct) =>
        {
            var (from, to) = ParseRange(request.Headers.GetValueOrDefault("range") ?? string.Empty, bytes.Length);
            var part = bytes.AsSpan(from, to - from + 1).ToArray();
            if (from == 0)
            {
                await WriteAsync(stream, Head(from, to, bytes.Length, part.Length), part, ct);
                return;
            }

            if (stall == "mid-body")
            {
                await WriteAsync(stream, Head(from, to, bytes.Length, part.Length), part.AsSpan(0, 16).ToArray(), ct);
            }

            // Never completed: the server goes silent until the test ends.
            await hold.Task.WaitAsync(ct);
        });
        var time = new FakeTimeProvider();
        using var validator = Validator(o => o.ProbeTimeout = TimeSpan.FromSeconds(10), time: time);

        var validation = validator.ValidateAsync(Request(PinMedia.Video(VideoSource.FromUrl(server.Url("/moov-at-end.mp4")))));
        await server.WhenRequestsAsync(2).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(validation.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        var result = await validation.WaitAsync(TimeSpan.FromSeconds(30));

        // The prefix was fine: the duration could not be read, which is a warning (the spooled copy is checked before
        // upload), not "no answer within 10 s".
        Assert.Equal([PreflightCodes.VideoDurationUnknown], Codes(result));
        Assert.Equal(PreflightSeverity.Warning, result.Issues[0].Severity);
        Assert.Contains("in time", result.Issues[0].Message, StringComparison.Ordinal);
    }

    private static string Head(int from, int to, long total, int length) =>
        $"HTTP/1.1 206 Partial Content\r\nContent-Type: video/mp4\r\nContent-Length: {length}\r\nContent-Range: bytes {from}-{to}/{total}\r\nConnection: close\r\n\r\n";

    private static (int From, int To) ParseRange(string range, int length)
    {
        var spec = range["bytes=".Length..].Split('-');
        var from = int.Parse(spec[0], System.Globalization.CultureInfo.InvariantCulture);
        var to = spec[1].Length == 0 ? length - 1 : Math.Min(length - 1, int.Parse(spec[1], System.Globalization.CultureInfo.InvariantCulture));
        return (from, to);
    }

    private static async Task WriteAsync(Stream stream, string head, byte[] body, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        await stream.WriteAsync(body, ct);
        await stream.FlushAsync(ct);
    }
}
