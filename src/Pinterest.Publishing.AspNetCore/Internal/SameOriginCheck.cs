using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// Whether a state-changing request came from a page of this application, by what the browser says: <c>Sec-Fetch-Site</c>
/// when sent (browsers set it and pages cannot), else <c>Origin</c>, else <c>Referer</c>. A request with none of them is
/// refused: a browser always sends at least one on a form post, so only a stripped request lacks all three.
/// </summary>
/// <remarks>
/// <c>Origin</c> and <c>Referer</c> are compared with the request's scheme and host as this application sees them: behind
/// a proxy, apply the forwarded headers (<c>UseForwardedHeaders</c>) first, or register antiforgery.
/// </remarks>
internal static class SameOriginCheck
{
    public static bool IsSameOrigin(HttpRequest request)
    {
        var headers = request.Headers;
        if (headers["Sec-Fetch-Site"] is { Count: > 0 } site)
        {
            // "same-site" includes sibling subdomains; "none" is a request the user typed, never a form post.
            return string.Equals(site.ToString(), "same-origin", StringComparison.OrdinalIgnoreCase);
        }

        if (headers.Origin is { Count: > 0 } origin)
        {
            // "null" (a sandboxed frame, a redirect from elsewhere) parses as no URL and is refused.
            return Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var uri) && IsThisOrigin(uri, request);
        }

        if (headers.Referer is { Count: > 0 } referer)
        {
            return Uri.TryCreate(referer.ToString(), UriKind.Absolute, out var uri) && IsThisOrigin(uri, request);
        }

        return false;
    }

    private static bool IsThisOrigin(Uri uri, HttpRequest request) =>
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, request.Host.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == (request.Host.Port ?? (request.IsHttps ? 443 : 80));
}
