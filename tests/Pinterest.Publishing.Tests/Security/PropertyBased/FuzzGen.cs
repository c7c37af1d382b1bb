using System.Text;
using CsCheck;

namespace Pinterest.Publishing.Tests.Security.PropertyBased;

/// <summary>Generators of hostile input shared by the bad-input properties.</summary>
internal static class FuzzGen
{
    private const string Nasty = "\0\u0001\u0007\b\t\n\r\u001b\u007f\u0085\u00a0\u200b\u200e\u202e\u2028\ufeff\ufffd\ud800\udc00\ud83d\ude00é漢字ß%<>\"'&\\/{}[]:;=?#@";

    /// <summary>Any text: null, empty, unicode, control characters, lone surrogates, very long.</summary>
    public static readonly Gen<string?> Text = Gen.Frequency(
        (2, FuzzGen.Always<string?>(null)),
        (1, FuzzGen.Always<string?>(string.Empty)),
        (1, FuzzGen.Always<string?>("   \t\n")),
        (4, Gen.String.Select(s => (string?)s)),
        (3, Gen.String[Gen.Char[Nasty], 0, 40].Select(s => (string?)s)),
        (2, Gen.String[Gen.Char, 0, 600].Select(s => (string?)s)),
        (1, Gen.Int[90, 900].Select(n => (string?)new string('é', n))),
        (1, Gen.Int[1_000, 300_000].Select(n => (string?)new string('x', n))));

    private static readonly string[] OddUrls =
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "file://server/share/a.jpg",
        "data:image/png;base64,iVBORw0KGgo=",
        "mailto:someone@example.test",
        "ftp://files.example.test/a.jpg",
        "http://bücher.example.test/bild.jpg",
        "http://xn--bcher-kva.example.test/bild.jpg",
        "https://user:p%40ss@media.example.test/a.jpg",
        "http://[::1]/a.png",
        "http://[::ffff:127.0.0.1]:8080/a.jpg",
        "http://[fe80::1%25eth0]/a.jpg",
        "http://[2001:db8::1]/a.jpg?x=1",
        "http://127.0.0.1/a.jpg",
        "http://0x7f.1/a.jpg",
        "http://2130706433/a.jpg",
        "http://localhost:0/a.jpg",
        "https://media.example.test:65535/a.jpg?X-Amz-Signature=abc#frag",
        "https://media.example.test/a%00b.jpg",
        "https://media.example.test/%2e%2e/%2e%2e/etc/passwd",
        "https://media.example.test/" + new string('a', 5000) + ".jpg",
        "https://" + new string('s', 63) + "." + new string('t', 63) + ".example.test/a.png",
        "/relative/image.jpg",
        "relative.jpg",
        "//media.example.test/a.jpg",
        "?only=query",
        "#fragment",
        "urn:isbn:0451450523",
        "ws://media.example.test/socket",
    ];

    /// <summary>An absolute or relative URI from the odd list or built from random text.</summary>
    public static readonly Gen<Uri> Url = Gen.Frequency(
        (3, Gen.OneOf(OddUrls).Select(s => new Uri(s, UriKind.RelativeOrAbsolute))),
        (2, Gen.String[Gen.Char["abcxyz0129-._~/%é漢 "], 0, 60].Select(path => new Uri("https://media.example.test/" + path, UriKind.RelativeOrAbsolute))),
        (1, Gen.String.Select(s => Uri.TryCreate(s, UriKind.RelativeOrAbsolute, out var u) ? u : new Uri("x", UriKind.Relative))));

    public static readonly Gen<Uri?> NullableUrl = Url.Null(0.3);

    public static readonly Gen<string> AnyContentType = Gen.Frequency(
        (3, Gen.OneOf("image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/quicktime", "text/html", "application/json", "application/octet-stream")),
        (1, Gen.OneOf("IMAGE/JPEG; charset=utf-8", "image/", "/", "image/jpeg;;;", "x", "text/html; charset=\"bogus\"")),
        (1, Gen.String[Gen.Char[Nasty + "abc/"], 0, 30]));

    /// <summary>Bytes: the start of a real fixture (maybe truncated or corrupted), random bytes, or nothing.</summary>
    public static Gen<byte[]> MediaBytes(IReadOnlyList<byte[]> fixtures) => Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, fixtures.Count - 1], Gen.Double[0, 1], (i, cut) => fixtures[i][..(int)(fixtures[i].Length * cut)])),
        (3, Gen.Select(Gen.Int[0, fixtures.Count - 1], Gen.Int[0, 4096], Gen.Byte, (i, at, value) => Corrupt(fixtures[i], at, value))),
        (2, Gen.Byte.Array[0, 2048]),
        (1, Gen.Const(Array.Empty<byte>())));

    private static byte[] Corrupt(byte[] source, int at, byte value)
    {
        var copy = (byte[])source.Clone();
        copy[at % copy.Length] = value;
        return copy;
    }

    public static readonly Gen<KeyValuePair<string, string>> GarbageHeader = Gen.Select(
        Gen.OneOf("Retry-After", "X-RateLimit-Remaining", "X-RateLimit-Limit", "X-RateLimit-Reset", "Location", "Content-Range", "Content-Length", "Accept-Ranges", "X-Request-Id", "Content-Type", "Content-Encoding"),
        Gen.Frequency(
            (3, Gen.OneOf("0", "-1", "1", "1.5", "abc", "", " ", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Wed, 99 Foo 2015", "bytes 0-0/*", "bytes */0", "bytes 5-1/2", "gzip", "http://127.0.0.1/", "/relative", "javascript:x")),
            (1, Gen.String[Gen.Char[Nasty + "0123456789 ,-"], 0, 40])),
        (name, value) => new KeyValuePair<string, string>(name, value));

    public static Gen<FuzzResponse> Response(Gen<byte[]> body) => Gen.Frequency(
        (12, Gen.Select(
            Gen.Frequency((6, Gen.OneOf(200, 206)), (3, Gen.OneOf(301, 302, 303, 307, 308, 304)), (3, Gen.OneOf(400, 401, 403, 404, 408, 409, 413, 429, 500, 502, 503, 504)), (1, Gen.Int[100, 999])),
            AnyContentType.Null(0.15),
            body,
            GarbageHeader.Array[0, 4],
            (status, type, bytes, headers) => new FuzzResponse(status, type, bytes, headers))),
        (1, Gen.Const(new FuzzResponse(0, null, [], [], ThrowTransportError: true))));

    /// <summary>A constant generator that never confuses a value with a factory (Gen.Const overloads do for lambdas and null).</summary>
    public static Gen<T> Always<T>(T value) => Gen.Int[0, 0].Select(_ => value);

    public static string Describe(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
