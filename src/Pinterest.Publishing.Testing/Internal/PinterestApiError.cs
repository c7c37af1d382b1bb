
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>Thrown by route handlers to answer with a Pinterest error body.</summary>
internal sealed class PinterestApiError : Exception
{
    public PinterestApiError()
    {
    }

    public PinterestApiError(string message)
        : base(message)
    {
    }

    public PinterestApiError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PinterestApiError(int statusCode, int code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public int StatusCode { get; } = 400;

    public int Code { get; } = 1;

    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>The answer's <c>message_detail</c>, when there is more to say than the fixed <see cref="Exception.Message"/>.</summary>
    public string? MessageDetail { get; init; }

    public static PinterestApiError Invalid(string message) => new(400, 1, message);
}
