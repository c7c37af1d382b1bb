using System.Text.Json;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Tests.Contract;

/// <summary>
/// The client's catalog of operations (<see cref="PinterestEndpoints"/>) states what <c>openapi.json</c> states: the
/// method and path of each operation id, the scopes of its <c>security</c>, its <c>x-ratelimit-category</c> and its
/// <c>x-sandbox</c>. Behaviour hangs on these facts (which scope to name in an error, which rate-limit bucket to cool
/// down, what the sandbox refuses), so they are copied from the spec and checked here, never guessed.
/// </summary>
public sealed class EndpointCatalogTests
{
    private static readonly Lazy<JsonDocument> Spec = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(OpenApiContract.RepositoryRoot(), "eng", "pinterest-openapi", "openapi.json"))));

    public static TheoryData<string> Endpoints()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in PinterestEndpoints.All)
        {
            data.Add(endpoint.Description);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void Every_entry_states_what_the_spec_states(string description)
    {
        var endpoint = PinterestEndpoints.All.Single(e => e.Description == description);

        Assert.Empty(Check(endpoint, Spec.Value.RootElement));
    }

    [Fact]
    public void Every_entry_is_listed_once()
    {
        Assert.Equal(PinterestEndpoints.All.Count, PinterestEndpoints.All.Distinct().Count());
        var fields = typeof(PinterestEndpoints).GetFields().Where(f => f.FieldType == typeof(PinterestEndpoint)).Select(f => (PinterestEndpoint)f.GetValue(null)!);
        Assert.Equal(fields.ToHashSet(), PinterestEndpoints.All.ToHashSet());
    }

    [Fact]
    public void The_checker_reports_a_wrong_scope_category_sandbox_flag_and_path()
    {
        var right = PinterestEndpoints.UserAccountAnalytics;

        var problems = Check(
            right with { Scopes = ["pins:read"], RateLimitCategory = "org_read", InSandbox = true, PathTemplate = "/user_account/stats" },
            Spec.Value.RootElement);

        Assert.Contains(problems, p => p.Contains("path", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("scopes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("x-ratelimit-category", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("x-sandbox", StringComparison.Ordinal));
        Assert.NotEmpty(Check(right with { OperationId = "user_account/no_such_thing" }, Spec.Value.RootElement));
    }

    /// <summary>Every disagreement between a catalog entry and the spec.</summary>
    private static List<string> Check(PinterestEndpoint endpoint, JsonElement spec)
    {
        var problems = new List<string>();
        foreach (var path in spec.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind != JsonValueKind.Object
                    || !operation.Value.TryGetProperty("operationId", out var id) || id.GetString() != endpoint.OperationId)
                {
                    continue;
                }

                if (path.Name != endpoint.PathTemplate || !operation.Name.Equals(endpoint.Method, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{endpoint}: the spec has {operation.Name.ToUpperInvariant()} {path.Name} (path or method)");
                }

                var scopes = operation.Value.TryGetProperty("security", out var security)
                    ? security.EnumerateArray().SelectMany(s => s.EnumerateObject()).SelectMany(s => s.Value.EnumerateArray()).Select(s => s.GetString()!).ToHashSet()
                    : [];
                if (!scopes.SetEquals(endpoint.Scopes))
                {
                    problems.Add($"{endpoint}: the spec's scopes are [{string.Join(", ", scopes.Order())}]");
                }

                var category = operation.Value.TryGetProperty("x-ratelimit-category", out var c) ? c.GetString() : null;
                if (category != endpoint.RateLimitCategory)
                {
                    problems.Add($"{endpoint}: the spec's x-ratelimit-category is {category}");
                }

                var inSandbox = operation.Value.TryGetProperty("x-sandbox", out var sandbox) && sandbox.GetString() == "enabled";
                if (inSandbox != endpoint.InSandbox)
                {
                    problems.Add($"{endpoint}: the spec's x-sandbox is {(inSandbox ? "enabled" : "disabled")}");
                }

                return problems;
            }
        }

        problems.Add($"{endpoint}: no such operationId in the spec");
        return problems;
    }
}
