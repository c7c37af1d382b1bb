using System.Net;
using System.Text;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>The authorize page's answers: the consent page, the redirects back, and the error page for a bad request.</summary>
internal static class AuthorizePage
{
    /// <summary>The consent page: the app asks for the scopes; "Allow" and "Decline" go back to the redirect URI.</summary>
    public static EmulatorHttpResponse Consent(string accountId, string scope, Uri allow, Uri deny) => Html(200, $"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Pinterest emulator: authorize</title></head>
        <body>
        <h1>Give the app access to your Pinterest account?</h1>
        <p>Signed in as account <strong id="account">{Encode(accountId)}</strong>. The app asks for: <span id="scopes">{Encode(scope)}</span>.</p>
        <p><a id="allow" href="{Encode(allow.AbsoluteUri)}">Allow</a> <a id="deny" href="{Encode(deny.AbsoluteUri)}">Decline</a></p>
        </body></html>
        """);

    /// <summary>A 302 to <paramref name="location"/>.</summary>
    public static EmulatorHttpResponse Redirect(Uri location)
    {
        var response = new EmulatorHttpResponse { StatusCode = 302 };
        response.Headers["Location"] = location.AbsoluteUri;
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    /// <summary>Pinterest shows an error page, and sends nothing back, for a request it cannot trust (unknown client, bad redirect URI).</summary>
    public static EmulatorHttpResponse Error(int statusCode, string message) =>
        Html(statusCode, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Error</title></head><body><p id=\"error\">{Encode(message)}</p></body></html>");

    /// <summary><paramref name="redirectUri"/> with the parameters added to its query.</summary>
    public static Uri Back(string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var builder = new StringBuilder(redirectUri);
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static EmulatorHttpResponse Html(int statusCode, string html)
    {
        var response = new EmulatorHttpResponse { StatusCode = statusCode, Body = Encoding.UTF8.GetBytes(html), ContentType = "text/html; charset=utf-8" };
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}
