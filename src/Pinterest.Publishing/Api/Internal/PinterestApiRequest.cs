using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>How a request authenticates.</summary>
internal enum PinterestAuthentication
{
    /// <summary><c>Authorization: Bearer</c> with the account's access token.</summary>
    Bearer,

    /// <summary>HTTP Basic with the app's client id and secret (OAuth token endpoint only).</summary>
    ClientCredentials,
}

/// <summary>
/// One API call as data. The body is kept as bytes so that every attempt (retry, replay after a 401) sends an
/// identical, fresh <see cref="HttpRequestMessage"/>.
/// </summary>
internal sealed class PinterestApiRequest
{
    private PinterestApiRequest(HttpMethod method, string path, string operation)
    {
        Method = method;
        Path = path;
        Operation = operation;
        IsIdempotent = method == HttpMethod.Get || method == HttpMethod.Delete;
    }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path below <c>v5/</c>, already escaped (e.g. <c>pins/123</c>).</summary>
    public string Path { get; }

    /// <summary>What the call does, for messages and logs (e.g. <c>create Pin</c>).</summary>
    public string Operation { get; }

    /// <summary>The escaped query string without <c>?</c>, or <see langword="null"/>.</summary>
    public string? Query { get; private set; }

    /// <summary>The body bytes, or <see langword="null"/>.</summary>
    public byte[]? Body { get; private set; }

    /// <summary>The body media type.</summary>
    public string? ContentType { get; private set; }

    /// <summary>How the request authenticates.</summary>
    public PinterestAuthentication Authentication { get; init; } = PinterestAuthentication.Bearer;

    /// <summary>Whether the transient-failure retry strategy may resend the request. GET and DELETE by default.</summary>
    public bool IsIdempotent { get; set; }

    /// <summary>Maps an error answer to a different exception (e.g. a rejected refresh grant), or returns <see langword="null"/> to keep the default.</summary>
    public Func<PinterestApiException, Exception?>? MapError { get; set; }

    public static PinterestApiRequest Create(HttpMethod method, string path, string operation) => new(method, path, operation);

    public static PinterestApiRequest Json<TBody>(HttpMethod method, string path, string operation, TBody body, JsonTypeInfo<TBody> bodyTypeInfo) =>
        new(method, path, operation) { Body = JsonSerializer.SerializeToUtf8Bytes(body, bodyTypeInfo), ContentType = "application/json" };

    public static PinterestApiRequest Form(string path, string operation, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(HttpMethod.Post, path, operation)
        {
            Body = System.Text.Encoding.UTF8.GetBytes(QueryBuilder.Encode(fields)),
            ContentType = "application/x-www-form-urlencoded",
            Authentication = PinterestAuthentication.ClientCredentials,
        };

    public PinterestApiRequest WithQuery(QueryBuilder query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Query = query.Count == 0 ? null : query.ToString();
        return this;
    }

    /// <summary>A status code that is a success for this call.</summary>
    public static bool IsSuccess(HttpStatusCode statusCode) => (int)statusCode is >= 200 and <= 299;
}
