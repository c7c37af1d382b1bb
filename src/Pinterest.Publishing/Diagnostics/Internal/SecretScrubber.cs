using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Pinterest.Publishing.Diagnostics.Internal;

/// <summary>
/// The one place that makes text safe to put into an exception, a log, a span or an outcome reason: server-supplied text
/// (an error <c>message</c>, a request id, anything an API, a proxy or a WAF may have copied from the request) and URLs
/// (whose userinfo may hold a password and whose query may hold a signature).
/// </summary>
/// <remarks>
/// Server text is cleaned twice: first of the exact secrets the request carried (the caller knows them), then of
/// anything shaped like a credential (<c>Bearer …</c>, <c>Basic …</c>, <c>access_token=…</c>, Pinterest's
/// <c>pina_</c>/<c>pinr_</c> tokens), and every URL in it is cut to <c>scheme://host[:port]/path</c>.
/// </remarks>
internal static partial class SecretScrubber
{
    /// <summary>What a removed secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The longest request id kept; Pinterest's are far shorter.</summary>
    public const int MaxRequestIdLength = 100;

    // A shorter value is not masked where it stands: masking every "abc" would wreck the text without protecting a real
    // secret (Pinterest's tokens and client secrets are tens of characters long).
    private const int MinSecretLength = 4;

    // Form fields whose values are credentials (the OAuth grants send them in the body).
    private static readonly string[] SecretFormFields = ["refresh_token", "code", "client_secret", "access_token", "code_verifier"];

    /// <summary>
    /// <paramref name="text"/> without <paramref name="secrets"/> (also URL-encoded), credential-shaped values and URL
    /// userinfo or query strings.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Scrub(string? text, IReadOnlyCollection<string>? secrets = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (secrets is { Count: > 0 })
        {
            // Longest first, so a secret that contains another is masked whole.
            foreach (var secret in Variants(secrets).OrderByDescending(s => s.Length))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        text = AuthorizationPattern().Replace(text, match => match.Groups["scheme"].Value + " " + Mask);
        text = KeyValuePattern().Replace(text, match => match.Groups["key"].Value + match.Groups["sep"].Value + Mask);
        text = PinterestTokenPattern().Replace(text, match => match.Groups["prefix"].Value + Mask);
        return UrlPattern().Replace(text, match => RedactUrl(match.Value));
    }

    /// <summary>A URL as <c>scheme://host[:port]/path</c>: no userinfo (a password), no query (a signature), no fragment.</summary>
    public static string RedactUrl(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(relative URL)";
    }

    /// <summary>
    /// A server-sent request id if it has the shape of one (<c>[A-Za-z0-9-_.:]</c>, at most
    /// <see cref="MaxRequestIdLength"/> characters) and holds nothing <see cref="Scrub"/> would remove; otherwise
    /// <see langword="null"/>: an id is quoted verbatim, so one that is not plainly an id is dropped, not repaired.
    /// </summary>
    public static string? RequestId(string? value, IReadOnlyCollection<string>? secrets = null)
    {
        var id = value?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > MaxRequestIdLength || !IsRequestIdText(id))
        {
            return null;
        }

        return string.Equals(Scrub(id, secrets), id, StringComparison.Ordinal) ? id : null;
    }

    /// <summary>The values of the credential fields of a form-encoded body, decoded (<see cref="Scrub"/> adds the encoded forms).</summary>
    public static IEnumerable<string> FormSecrets(ReadOnlyMemory<byte> body)
    {
        var form = Encoding.UTF8.GetString(body.Span);
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Array.IndexOf(SecretFormFields, Uri.UnescapeDataString(pair[..equals])) >= 0)
            {
                yield return WebUtility.UrlDecode(pair[(equals + 1)..]);
            }
        }
    }

    private static string RedactUrl(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return RedactUrl(uri);
        }

        // Not a URL .NET can parse: cut what follows the path, and the userinfo, by hand.
        var end = url.AsSpan().IndexOfAny('?', '#');
        var head = end < 0 ? url : url[..end];
        return UserInfoPattern().Replace(head, "//");
    }

    private static HashSet<string> Variants(IEnumerable<string> secrets)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret) || secret.Length < MinSecretLength)
            {
                continue;
            }

            // As sent in a form or query (either escaping), and as sent.
            variants.Add(secret);
            variants.Add(Uri.EscapeDataString(secret));
            variants.Add(WebUtility.UrlEncode(secret));
        }

        return variants;
    }

    private static bool IsRequestIdText(string id)
    {
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    // An Authorization value: the scheme, then a credential with at least one digit (so "Basic authentication failed"
    // stays readable; the exact secrets of the request are masked whatever their shape).
    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic)\s+(?=[A-Za-z0-9\-._~+/]*[0-9])[A-Za-z0-9\-._~+/]{8,}=*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationPattern();

    // access_token=…, "refresh_token": "…", client_secret: … in a form, a query, JSON or prose.
    [GeneratedRegex(@"\b(?<key>access_token|refresh_token|client_secret|id_token|code_verifier)(?<sep>[""']?\s*[:=]\s*[""']?)[^\s&""',;}\]]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePattern();

    // Pinterest's access and refresh tokens start with pina_ and pinr_ (the token debugger's documentation).
    [GeneratedRegex(@"\b(?<prefix>pin[ar]_)[A-Za-z0-9\-._~+/=]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex PinterestTokenPattern();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s""'<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"//[^/?#@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfoPattern();
}
