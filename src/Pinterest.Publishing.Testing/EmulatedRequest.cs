using System.Text;

namespace Pinterest.Publishing.Testing;

/// <summary>A request received by the emulator, recorded for assertions.</summary>
public sealed class EmulatedRequest
{
    private int _statusCode;

    internal EmulatedRequest(string method, Uri uri, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        Method = method;
        Uri = uri;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method, upper case.</summary>
    public string Method { get; }

    /// <summary>The full request URI.</summary>
    public Uri Uri { get; }

    /// <summary>The path without the query, e.g. <c>/v5/pins</c>.</summary>
    public string Path => Uri.AbsolutePath;

    /// <summary>The path and query, e.g. <c>/v5/boards?page_size=250</c>.</summary>
    public string PathAndQuery => Uri.PathAndQuery;

    /// <summary>The request and content headers (case-insensitive names; repeated values joined with <c>, </c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body bytes. Empty for uploads, whose bodies are counted, not kept (see <see cref="PinterestEmulator.Uploads"/>).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>When the emulator received the request, on its clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The bearer access token the request carried, if any (valid or not).</summary>
    public string? AccessToken { get; internal set; }

    /// <summary>The account the access token belongs to when it was valid.</summary>
    public string? AccountId { get; internal set; }

    /// <summary>The status the emulator answered, or <see langword="null"/> while processing or when the connection was reset.</summary>
    public int? StatusCode
    {
        get
        {
            var value = Volatile.Read(ref _statusCode);
            return value == 0 ? null : value;
        }
    }

    internal void Complete(int statusCode) => Volatile.Write(ref _statusCode, statusCode);

    /// <inheritdoc />
    public override string ToString() => $"{Method} {PathAndQuery} -> {StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
