using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// The cookie that binds a callback to the browser that started the attempt: it holds the attempt's nonce, and once the
/// callback consumed it, a "used" marker, so that the same callback replayed in that browser is told apart from a
/// callback arriving in a browser that never started it.
/// </summary>
internal static class CorrelationCookie
{
    private const string UsedMarker = "used.";

    /// <summary>What the cookie says about an attempt.</summary>
    public enum Match
    {
        Matches,
        Missing,
        Replayed,
    }

    public static void Set(HttpContext context, PinterestConnectOptions options, string path, string nonce, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(options.CorrelationCookieName, nonce, Options(context, path, expiresAt));

    public static Match Check(HttpContext context, PinterestConnectOptions options, string nonce)
    {
        var value = context.Request.Cookies[options.CorrelationCookieName];
        if (string.IsNullOrEmpty(value))
        {
            return Match.Missing;
        }

        return string.Equals(value, nonce, StringComparison.Ordinal) ? Match.Matches : Match.Replayed;
    }

    /// <summary>Marks the attempt as used: the same callback again is a replay.</summary>
    public static void Consume(HttpContext context, PinterestConnectOptions options, string path, string nonce, DateTimeOffset expiresAt) =>
        context.Response.Cookies.Append(options.CorrelationCookieName, UsedMarker + nonce, Options(context, path, expiresAt));

    private static CookieOptions Options(HttpContext context, string path, DateTimeOffset expiresAt) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = path,
        Expires = expiresAt,
        IsEssential = true,
    };
}
