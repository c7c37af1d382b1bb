using System.Collections.Concurrent;
using System.Globalization;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// A small static file host beside the API, so image, cover, video and link URLs of tests and samples resolve without
// a second server. It answers GET (never needs HEAD) and honours single byte ranges, as CDNs do.
public sealed partial class PinterestEmulator
{
    private const string HostedMediaPathSegment = "media";

    private readonly ConcurrentDictionary<string, HostedFile> _hostedMedia = new(StringComparer.Ordinal);

    /// <summary>
    /// Serves <paramref name="content"/> at <c>{BaseAddress}media/{name}</c> (and on the loopback server at the same path),
    /// answering GET with <paramref name="contentType"/> and honouring <c>Range: bytes=a-b</c> (and the suffix
    /// form <c>bytes=-n</c>) with 206.
    /// </summary>
    /// <param name="name">The file name, one path segment.</param>
    /// <param name="content">The bytes to serve.</param>
    /// <param name="contentType">The <c>Content-Type</c> to answer with.</param>
    /// <returns>The URL of the file on the in-memory host.</returns>
    public Uri HostMedia(string name, byte[] content, string contentType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("The name must be a single path segment.", nameof(name));
        }

        _hostedMedia[name] = new HostedFile(content, contentType);
        return new Uri(BaseAddress, HostedMediaPathSegment + "/" + Uri.EscapeDataString(name));
    }

    private EmulatorHttpResponse ServeHostedMedia(string method, string escapedName, EmulatorHttpRequest request)
    {
        if (method != "GET" || !_hostedMedia.TryGetValue(Uri.UnescapeDataString(escapedName), out var file))
        {
            return EmulatorHttpResponse.Empty(method == "GET" ? 404 : 405);
        }

        var length = file.Content.Length;
        if (TryParseRange(request.GetHeader("Range"), length, out var from, out var to))
        {
            var partial = new EmulatorHttpResponse { StatusCode = 206, Body = new ArraySegment<byte>(file.Content, from, to - from + 1), ContentType = file.ContentType };
            partial.Headers["Content-Range"] = string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{to}/{length}");
            partial.Headers["Accept-Ranges"] = "bytes";
            return partial;
        }

        var whole = new EmulatorHttpResponse { StatusCode = 200, Body = file.Content, ContentType = file.ContentType };
        whole.Headers["Accept-Ranges"] = "bytes";
        return whole;
    }

    private static bool TryParseRange(string? header, int length, out int from, out int to)
    {
        from = to = 0;
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || length == 0)
        {
            return false;
        }

        var parts = header["bytes=".Length..].Split('-', 2);
        if (parts.Length == 2 && parts[0].Length == 0)
        {
            // A suffix range (bytes=-n): the last n bytes, as CDNs and object stores answer it.
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) || suffix == 0)
            {
                return false;
            }

            from = Math.Max(0, length - suffix);
            to = length - 1;
            return true;
        }

        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out from) || from >= length)
        {
            return false;
        }

        to = parts[1].Length == 0 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end) || end >= length
            ? length - 1
            : (int)end;
        return to >= from;
    }

    private sealed record HostedFile(byte[] Content, string ContentType);
}
