namespace Pinterest.Publishing.Testing.Internal;

/// <summary>A transport-neutral response, or an instruction to drop the connection.</summary>
internal sealed class EmulatorHttpResponse
{
    public int StatusCode { get; init; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Body { get; init; } = [];

    public string? ContentType { get; init; }

    /// <summary>Set when the connection must be dropped instead of answering.</summary>
    public EmulatorFaultKind? Abort { get; init; }

    public static EmulatorHttpResponse Json(int statusCode, byte[] body) => new() { StatusCode = statusCode, Body = body, ContentType = "application/json" };

    public static EmulatorHttpResponse Empty(int statusCode) => new() { StatusCode = statusCode };

    public static EmulatorHttpResponse Error(int statusCode, int code, string message) => Json(statusCode, EmulatorJson.Error(code, message));
}
