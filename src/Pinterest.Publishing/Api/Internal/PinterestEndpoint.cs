namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// One operation of Pinterest's API v5 as its OpenAPI description states it: the facts that decide behaviour without
/// a call (which scopes a token needs, which rate-limit bucket the call draws from, whether the sandbox serves it).
/// The catalog is <see cref="PinterestEndpoints"/>; a contract test checks every entry against <c>openapi.json</c>.
/// </summary>
/// <param name="OperationId">The spec's <c>operationId</c>, e.g. <c>pins/create</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathTemplate">The spec's path below <c>/v5</c>, e.g. <c>/pins/{pin_id}</c>.</param>
/// <param name="Description">What the call does, for messages and logs, e.g. <c>create Pin</c>.</param>
/// <param name="Scopes">The OAuth scopes the spec's <c>security</c> asks for (empty for the token endpoints).</param>
/// <param name="RateLimitCategory">The spec's <c>x-ratelimit-category</c>: <c>org_read</c>, <c>org_write</c> or <c>org_analytics</c>.</param>
/// <param name="InSandbox">Whether the spec's <c>x-sandbox</c> says the sandbox serves it.</param>
internal sealed record PinterestEndpoint(
    string OperationId,
    string Method,
    string PathTemplate,
    string Description,
    IReadOnlyList<string> Scopes,
    string RateLimitCategory,
    bool InSandbox)
{
    /// <summary>The HTTP method as an <see cref="HttpMethod"/>.</summary>
    public HttpMethod HttpMethod { get; } = HttpMethod.Parse(Method);

    /// <inheritdoc />
    public override string ToString() => $"{Method} /v5{PathTemplate} ({OperationId})";
}
