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
    private PinterestApiRequest(PinterestEndpoint endpoint, string path)
    {
        Endpoint = endpoint;
        Method = endpoint.HttpMethod;
        Path = path;
        IsIdempotent = Method == HttpMethod.Get || Method == HttpMethod.Delete;
    }

    /// <summary>The operation as the spec states it: scopes, rate-limit category, sandbox support.</summary>
    public PinterestEndpoint Endpoint { get; }

    /// <summary>The HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The path below <c>v5/</c>, already escaped (e.g. <c>pins/123</c>).</summary>
    public string Path { get; }

    /// <summary>What the call does, for messages and logs (e.g. <c>create Pin</c>).</summary>
    public string Operation => Endpoint.Description;

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

    /// <summary>
    /// Whether a request that is not idempotent is still resent after a failure that proves it was not processed (a
    /// refused connection, a 429): the OAuth grants, which spend the code or refresh token they send.
    /// </summary>
    public bool IsResentWhenNotProcessed { get; set; }

    /// <summary>Maps an error answer to a different exception (e.g. a rejected refresh grant), or returns <see langword="null"/> to keep the default.</summary>
    public Func<PinterestApiException, Exception?>? MapError { get; set; }

    /// <summary>A request without a body; <paramref name="path"/> is the endpoint's path with its parameters filled in and escaped.</summary>
    public static PinterestApiRequest Create(PinterestEndpoint endpoint, string path) => new(endpoint, path);

    /// <summary>A request with a JSON body.</summary>
    public static PinterestApiRequest Json<TBody>(PinterestEndpoint endpoint, string path, TBody body, JsonTypeInfo<TBody> bodyTypeInfo) =>
        new(endpoint, path) { Body = JsonSerializer.SerializeToUtf8Bytes(body, bodyTypeInfo), ContentType = "application/json" };

    /// <summary>A form-encoded request to an OAuth endpoint, authenticated with the app's client credentials.</summary>
    public static PinterestApiRequest Form(PinterestEndpoint endpoint, string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(endpoint, path)
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
