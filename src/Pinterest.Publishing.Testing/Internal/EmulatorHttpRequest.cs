
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>A transport-neutral request: the in-memory handler and the loopback server both produce one.</summary>
internal sealed class EmulatorHttpRequest
{
    public required string Method { get; init; }

    public required Uri Uri { get; init; }

    public required Dictionary<string, string> Headers { get; init; }

    public Stream? Body { get; init; }

    /// <summary>The declared length; <see langword="null"/> when the body is chunked or its length unknown.</summary>
    public long? ContentLength { get; init; }

    public string? GetHeader(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The bearer token of the <c>Authorization</c> header, or <see langword="null"/>.</summary>
    public string? GetBearerToken()
    {
        var header = GetHeader("Authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>A path's segments, as routes and fault patterns match them (<c>/v5/pins</c> is <c>["v5", "pins"]</c>).</summary>
    public static string[] SplitPath(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
