
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>A transport-neutral response, or an instruction to drop the connection.</summary>
internal sealed class EmulatorHttpResponse
{
    public int StatusCode { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body; a segment so that a ranged answer can point into the hosted file instead of copying it.</summary>
    public ArraySegment<byte> Body { get; init; } = ArraySegment<byte>.Empty;

    public string? ContentType { get; init; }

    /// <summary>Set when the connection must be dropped instead of answering.</summary>
    public EmulatorFaultKind? Abort { get; init; }

    public static EmulatorHttpResponse Json(int statusCode, byte[] body) => new() { StatusCode = statusCode, Body = body, ContentType = "application/json" };

    public static EmulatorHttpResponse Empty(int statusCode) => new() { StatusCode = statusCode };

    public static EmulatorHttpResponse Error(int statusCode, int code, string message, string? messageDetail = null) => Json(statusCode, EmulatorJson.Error(code, message, messageDetail));
}
