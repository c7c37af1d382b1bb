namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A request as it arrived on the wire at <see cref="LoopbackHttpServer"/>.</summary>
internal sealed record LoopbackRequest
{
    public required string Method { get; init; }

    /// <summary>The request target as sent: the path and the query.</summary>
    public required string Target { get; init; }

    /// <summary>Header names lower-cased; repeated headers joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public bool WasChunked { get; init; }

    /// <summary>The <c>Range</c> header, if the request had one.</summary>
    public string? Range => Header("range");

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
