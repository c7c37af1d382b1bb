using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The OAuth scopes each API route needs, as the <c>security</c> of its operation in Pinterest's API description states
/// them. Read from the one catalog of operations (<see cref="PinterestEndpoints"/>), which a contract test checks
/// against <c>openapi.json</c>, so the emulator enforces the spec, not a copy that could drift.
/// </summary>
internal static class RouteScopes
{
    /// <summary>
    /// Pinterest's answer to a token without the scopes of the call: 401 code 3 (pinterest/api-quickstart issue #97,
    /// a real trace; the same body is the spec's example on other operations).
    /// </summary>
    public const string InsufficientScopeMessage = "Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes.";

    /// <summary>
    /// The scopes <paramref name="method"/> on <paramref name="route"/> (the path segments after <c>v5</c>) needs, or
    /// <see langword="null"/> when no catalogued operation has that method and path. A path that fits several templates
    /// takes the one with the most literal segments (<c>/pins/analytics</c> over <c>/pins/{pin_id}</c>).
    /// </summary>
    public static IReadOnlyList<string>? For(string method, ReadOnlySpan<string> route) => EndpointOf(method, route)?.Scopes;

    /// <summary>
    /// The catalogued operation <paramref name="method"/> on <paramref name="route"/> is, or <see langword="null"/>; a
    /// path that fits several templates takes the one with the most literal segments.
    /// </summary>
    public static PinterestEndpoint? EndpointOf(string method, ReadOnlySpan<string> route)
    {
        PinterestEndpoint? best = null;
        var bestLiterals = -1;
        foreach (var endpoint in PinterestEndpoints.All)
        {
            if (!string.Equals(endpoint.Method, method, StringComparison.OrdinalIgnoreCase) || Literals(endpoint.PathTemplate, route) is not { } literals || literals <= bestLiterals)
            {
                continue;
            }

            best = endpoint;
            bestLiterals = literals;
        }

        return best;
    }

    /// <summary>Whether the granted scopes (Pinterest's comma-separated <c>scope</c>) include every one of <paramref name="required"/>.</summary>
    public static bool Grants(string grantedScope, IReadOnlyList<string> required)
    {
        var granted = grantedScope.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var scope in required)
        {
            if (!granted.Contains(scope, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many literal segments of <paramref name="template"/> match <paramref name="route"/>, or <see langword="null"/> when it does not fit.</summary>
    private static int? Literals(string template, ReadOnlySpan<string> route)
    {
        var parts = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != route.Length)
        {
            return null;
        }

        var literals = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith('{'))
            {
                continue;
            }

            if (!string.Equals(parts[i], route[i], StringComparison.Ordinal))
            {
                return null;
            }

            literals++;
        }

        return literals;
    }
}
