using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>Where the endpoints of one <c>MapPinterestConnect</c> call listen, and the redirect URI they send.</summary>
internal sealed class ConnectPaths
{
    public ConnectPaths(string prefix, PinterestConnectOptions options)
    {
        Prefix = "/" + prefix.Trim('/');
        if (Prefix == "/")
        {
            Prefix = string.Empty;
        }

        Callback = Prefix + options.CallbackPath;
        if (options.RedirectUri is { } configured
            && !new Uri(configured, UriKind.Absolute).AbsolutePath.EndsWith(Callback, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"PinterestConnectOptions.RedirectUri ('{new Uri(configured).AbsolutePath}' path) must end with the callback endpoint's path '{Callback}' (the MapPinterestConnect prefix and CallbackPath): Pinterest sends the browser back to the redirect URI. Change RedirectUri, the prefix or CallbackPath.");
        }
    }

    /// <summary>The prefix, <c>/pinterest</c> (no trailing slash; empty for the root).</summary>
    public string Prefix { get; }

    /// <summary>The callback's path under the path base.</summary>
    public string Callback { get; }

    /// <summary>The redirect URI: the configured one, written exactly as configured, else the request's origin and path base with <see cref="Callback"/>.</summary>
    public string RedirectUri(HttpContext context, PinterestConnectOptions options) =>
        options.RedirectUri ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{Callback}";

    /// <summary>The correlation cookie's path: the callback's, so the browser sends it nowhere else.</summary>
    public string CookiePath(HttpContext context, PinterestConnectOptions options) =>
        options.RedirectUri is { } configured ? new Uri(configured, UriKind.Absolute).AbsolutePath : context.Request.PathBase + Callback;
}
