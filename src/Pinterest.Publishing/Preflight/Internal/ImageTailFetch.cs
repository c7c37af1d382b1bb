using System.Net;
using System.Net.Http.Headers;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// The last <see cref="ImageTail.Length"/> bytes of an image URL, asked for with a suffix <c>Range</c> at the same time
/// as the prefix (<see cref="PreflightOptions.VerifyImageEndOverHttp"/>), for <see cref="ImageTail"/>. An answer that
/// is not the asked-for range (a server ignoring <c>Range</c> sends the whole file) is disposed unread, and the end is
/// then not judged: the probe handler drains no abandoned body, so its connection is closed.
/// </summary>
internal static class ImageTailFetch
{
    /// <summary>The last bytes of a file.</summary>
    /// <param name="Bytes">The bytes.</param>
    /// <param name="From">Their offset in the file.</param>
    /// <param name="Total">The file's length.</param>
    public sealed record Tail(byte[] Bytes, long From, long Total);

    /// <summary>Fetches the last bytes; <see langword="null"/> when the server does not give them. Never throws.</summary>
    /// <param name="client">The probe client.</param>
    /// <param name="uri">The image URL.</param>
    /// <param name="createRequest">Builds a GET of a URL without a <c>Range</c>; the suffix range is added here.</param>
    /// <param name="cancellationToken">Cancels the fetch: once the prefix shows the end is not needed, or on timeout.</param>
    public static async Task<Tail?> FetchAsync(HttpClient client, Uri uri, Func<Uri, HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await ProbeHttp.SendWithRedirectsAsync(
                client,
                uri,
                u =>
                {
                    var request = createRequest(u);
                    request.Headers.Range = new RangeHeaderValue(null, ImageTail.Length);
                    return request;
                },
                ProbeHttp.DefaultMaxRedirects,
                cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.PartialContent
                || response.Content.Headers.ContentRange is not { From: { } from, To: { } to, Length: { } total }
                || to != total - 1 || to < from)
            {
                return null;
            }

            var length = (int)Math.Min(ImageTail.Length, to - from + 1);
            var bytes = new byte[length];
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var read = await stream.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return read == length ? new Tail(bytes, to + 1 - length, total) : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (HttpRequestException)
        {
            // The prefix request reports what is wrong with the URL; the end is simply not judged.
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
