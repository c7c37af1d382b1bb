using System.Net;
using System.Net.Http.Headers;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>
/// A video host in front of the probe client's handler: for <see cref="Host"/> it answers preflight's ranged probe at
/// once, but sends the download itself a kilobyte and then one byte every <see cref="Interval"/> of the fake clock, far
/// slower than any minimum rate and never idle for long. Requests to other hosts pass through.
/// </summary>
internal sealed class DrippingVideoHost(TimeProvider time, byte[] video, DrippingVideoHost.Counts counts) : DelegatingHandler
{
    public const string Host = "drip.video.example";

    /// <summary>Shorter than the idle timeout: only a minimum rate cuts this host off.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.RequestUri?.Host, Host, StringComparison.OrdinalIgnoreCase))
        {
            return base.SendAsync(request, cancellationToken);
        }

        HttpResponseMessage response;
        if (request.Headers.Range is not null)
        {
            // Preflight's probe of the first 64 KiB: the whole (small) movie, quickly.
            response = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(video) };
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(0, video.Length - 1, video.Length);
        }
        else
        {
            Interlocked.Increment(ref counts.DownloadCount);
            response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new DripStream(counts, time, video)) };
            response.Content.Headers.ContentLength = video.Length;
        }

        response.RequestMessage = request;
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        return Task.FromResult(response);
    }

    /// <summary>What every handler the client factory builds over the run counts.</summary>
    internal sealed class Counts
    {
        internal int DownloadCount;
        internal int ClosedCount;

        /// <summary>How many downloads (GETs without a range) the host began to drip.</summary>
        public int Downloads => Volatile.Read(ref DownloadCount);

        /// <summary>How many dripping bodies the client closed.</summary>
        public int BodiesClosed => Volatile.Read(ref ClosedCount);
    }

    private sealed class DripStream(Counts counts, TimeProvider time, byte[] video) : ReadOnlyTestStream
    {
        private const int FastPrefix = 1024;

        private int _position;
        private int _closed;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= video.Length || buffer.IsEmpty)
            {
                return 0;
            }

            if (_position >= FastPrefix)
            {
                await Task.Delay(Interval, time, cancellationToken);
            }

            var count = _position < FastPrefix ? Math.Min(buffer.Length, FastPrefix - _position) : 1;
            video.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Interlocked.Increment(ref counts.ClosedCount);
            }

            base.Dispose(disposing);
        }
    }
}
