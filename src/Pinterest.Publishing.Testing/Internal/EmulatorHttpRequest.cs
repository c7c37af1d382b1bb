
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
}
