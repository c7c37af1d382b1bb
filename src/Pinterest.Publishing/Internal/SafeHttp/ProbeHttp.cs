using System.Net;

namespace Pinterest.Publishing.Internal.SafeHttp;

/// <summary>
/// Sends requests through the probe client (built on <see cref="ProbeHttpHandlerFactory"/>), following redirects
/// by hand so that every hop's connection passes the address check. Shared by preflight and by the video pipeline's
/// download of <c>VideoSource.FromUrl</c>.
/// </summary>
internal static class ProbeHttp
{
    /// <summary>The redirect hops followed by default.</summary>
    public const int DefaultMaxRedirects = 5;

    /// <summary>
    /// Sends a request built by <paramref name="createRequest"/> for <paramref name="uri"/> and for each redirect
    /// target (301, 302, 303, 307, 308 with an http or https <c>Location</c>), at most <paramref name="maxRedirects"/>
    /// times. Returns, headers read and body unread, the first response that is not followed: a non-redirect, a
    /// redirect without a usable <c>Location</c>, or the redirect after the last allowed hop. The caller disposes it;
    /// <see cref="HttpResponseMessage.RequestMessage"/> holds the final URL.
    /// </summary>
    /// <exception cref="HttpRequestException">
    /// Connection failure. A refused private address is one whose chain holds a
    /// <see cref="PrivateNetworkRefusedException"/>: test with <see cref="IsPrivateNetworkRefusal(Exception)"/>.
    /// </exception>
    public static async Task<HttpResponseMessage> SendWithRedirectsAsync(
        HttpClient client,
        Uri uri,
        Func<Uri, HttpRequestMessage> createRequest,
        int maxRedirects = DefaultMaxRedirects,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRedirects);
        if (!IsHttpUrl(uri))
        {
            throw new ArgumentException("Only absolute http and https URLs can be probed.", nameof(uri));
        }

        var current = uri;
        for (var hop = 0; ; hop++)
        {
            using var request = createRequest(current);
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (hop >= maxRedirects || !IsRedirect(response.StatusCode) || GetRedirectTarget(current, response) is not { } next)
            {
                return response;
            }

            response.Dispose();
            current = next;
        }
    }

    /// <summary>Whether <paramref name="exception"/> or one of its inner exceptions is a refused private address.</summary>
    public static bool IsPrivateNetworkRefusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PrivateNetworkRefusedException)
            {
                return true;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsPrivateNetworkRefusal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a URL is absolute http or https.</summary>
    public static bool IsHttpUrl(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The URL without userinfo, query or fragment, safe for logs (a password or a signature lives there).</summary>
    public static string Redact(Uri uri) => Diagnostics.Internal.SecretScrubber.RedactUrl(uri);

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Uri? GetRedirectTarget(Uri current, HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        // A hostile Location can be a relative reference that does not combine with the current URL: no redirect then,
        // the 3xx itself is the answer (never a UriFormatException out of a probe).
        if (location.IsAbsoluteUri)
        {
            return IsHttpUrl(location) ? location : null;
        }

        return Uri.TryCreate(current, location, out var target) && IsHttpUrl(target) ? target : null;
    }
}
