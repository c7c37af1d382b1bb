using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Pinterest's OpenAPI description (<c>eng/pinterest-openapi/openapi.json</c>) and checks of what the client sends
/// against it. Every check returns the list of problems (empty = conforms), so the checker itself can be tested.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly Lazy<Task<OpenApiContract>> Shared = new(LoadAsync);

    private OpenApiContract(OpenApiDocument document) => Document = document;

    public OpenApiDocument Document { get; }

    public static Task<OpenApiContract> GetAsync() => Shared.Value;

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pinterest.Publishing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Pinterest.Publishing.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<OpenApiContract> LoadAsync()
    {
        var path = Path.Combine(RepositoryRoot(), "eng", "pinterest-openapi", "openapi.json");
        await using var stream = File.OpenRead(path);
        var result = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());
        return new OpenApiContract(result.Document ?? throw new InvalidOperationException("openapi.json could not be read: " + string.Join("; ", result.Diagnostic?.Errors.Select(e => e.Message) ?? [])));
    }

    /// <summary>
    /// The spec operation of a concrete request path (below the server's <c>/v5</c>, e.g. <c>pins/123</c>): segments
    /// match literally or against a <c>{parameter}</c>. Literal matches win over parameters.
    /// </summary>
    public (string Template, OpenApiOperation Operation)? FindOperation(HttpMethod method, string concretePath)
    {
        var segments = concretePath.Trim('/').Split('/');
        (string Template, OpenApiOperation Operation, int Literals)? best = null;
        foreach (var (template, item) in Document.Paths)
        {
            var templateSegments = template.Trim('/').Split('/');
            if (templateSegments.Length != segments.Length)
            {
                continue;
            }

            var literals = 0;
            var matches = true;
            for (var i = 0; i < segments.Length && matches; i++)
            {
                if (templateSegments[i].StartsWith('{') && templateSegments[i].EndsWith('}'))
                {
                    continue;
                }

                matches = string.Equals(templateSegments[i], Uri.UnescapeDataString(segments[i]), StringComparison.Ordinal);
                literals++;
            }

            if (matches && item.Operations is { } operations && operations.TryGetValue(method, out var operation) && (best is null || literals > best.Value.Literals))
            {
                best = (template, operation, literals);
            }
        }

        return best is null ? null : (best.Value.Template, best.Value.Operation);
    }

    public static IOpenApiSchema? RequestSchema(OpenApiOperation operation, string mediaType) =>
        operation.RequestBody?.Content is { } content && content.TryGetValue(mediaType, out var media) ? media.Schema : null;

    public static IOpenApiParameter? Parameter(OpenApiOperation operation, string name, ParameterLocation location) =>
        operation.Parameters?.FirstOrDefault(p => p.Name == name && p.In == location);

    /// <summary>A request as the client sent it, checked against the spec. Returns problems.</summary>
    public List<string> CheckRequest(HttpMethod method, Uri uri, string? contentType, string? body)
    {
        var problems = new List<string>();
        var path = uri.AbsolutePath;
        const string Prefix = "/v5/";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problems.Add($"{method} {path}: not below /v5/");
            return problems;
        }

        var found = FindOperation(method, path[Prefix.Length..]);
        if (found is null)
        {
            problems.Add($"{method} {path}: no such operation in the spec");
            return problems;
        }

        var (template, operation) = found.Value;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(pair.Split('=')[0]);
            if (Parameter(operation, name, ParameterLocation.Query) is null)
            {
                problems.Add($"{method} {template}: query parameter '{name}' not in the spec");
            }
        }

        if (body is null)
        {
            return problems;
        }

        var mediaType = contentType?.Split(';')[0].Trim() ?? "application/json";
        var schema = RequestSchema(operation, mediaType);
        if (schema is null)
        {
            problems.Add($"{method} {template}: the spec has no {mediaType} request body");
            return problems;
        }

        if (mediaType == "application/json")
        {
            var node = JsonNode.Parse(body) ?? throw new InvalidOperationException("null body");
            CheckJson(node, schema, $"{method} {template}", problems);
        }
        else if (mediaType == "application/x-www-form-urlencoded")
        {
            var form = new JsonObject();
            foreach (var pair in body.Split('&'))
            {
                var parts = pair.Split('=', 2);
                form[Uri.UnescapeDataString(parts[0])] = Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : string.Empty);
            }

            // continuous_refresh is documented in the operation's description, not in its schema.
            if (form.ContainsKey("continuous_refresh") && operation.Description?.Contains("continuous_refresh", StringComparison.Ordinal) == true)
            {
                form.Remove("continuous_refresh");
            }

            CheckJson(form, schema, $"{method} {template}", problems);
        }

        return problems;
    }

    /// <summary>Every property name, nested object and enum value of a JSON value must exist in the schema.</summary>
    public static void CheckJson(JsonNode? node, IOpenApiSchema schema, string location, List<string> problems)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var properties = PropertiesOf(schema, obj);
                foreach (var (name, value) in obj)
                {
                    if (!properties.TryGetValue(name, out var propertySchema))
                    {
                        problems.Add($"{location}: property '{name}' not in the spec");
                        continue;
                    }

                    CheckJson(value, propertySchema, $"{location}.{name}", problems);
                }

                break;
            }

            case JsonArray array:
            {
                var items = Flatten(schema).Select(s => s.Items).FirstOrDefault(i => i is not null);
                if (items is null)
                {
                    problems.Add($"{location}: the spec does not describe an array here");
                    break;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    CheckJson(array[i], items, $"{location}[{i}]", problems);
                }

                break;
            }

            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
            {
                var allowed = EnumValues(schema);
                var text = value.GetValue<string>();
                if (allowed.Count > 0 && !allowed.Contains(text))
                {
                    problems.Add($"{location}: value '{text}' not in the spec's enum ({string.Join(", ", allowed)})");
                }

                break;
            }
        }
    }

    /// <summary>
    /// Every JSON property a serializer contract can write (all properties, also those null in a sample), walking
    /// nested objects, collection items and polymorphic subtypes (matched to the spec's oneOf branch by discriminator).
    /// </summary>
    public static void CheckContract(JsonTypeInfo typeInfo, IOpenApiSchema schema, string location, List<string> problems)
    {
        if (typeInfo.PolymorphismOptions is { } polymorphism)
        {
            var discriminator = polymorphism.TypeDiscriminatorPropertyName;
            foreach (var derived in polymorphism.DerivedTypes)
            {
                var value = derived.TypeDiscriminator as string ?? throw new InvalidOperationException("string discriminators only");
                var branch = FindBranch(schema, discriminator, value);
                if (branch is null)
                {
                    problems.Add($"{location}: no spec schema with {discriminator} = '{value}'");
                    continue;
                }

                CheckContract(typeInfo.Options.GetTypeInfo(derived.DerivedType), branch, $"{location}({value})", problems);
            }

            return;
        }

        switch (typeInfo.Kind)
        {
            case JsonTypeInfoKind.Object:
                var properties = PropertiesOf(schema, null);
                foreach (var property in typeInfo.Properties)
                {
                    if (!properties.TryGetValue(property.Name, out var propertySchema))
                    {
                        problems.Add($"{location}: property '{property.Name}' not in the spec");
                        continue;
                    }

                    CheckContract(typeInfo.Options.GetTypeInfo(property.PropertyType), propertySchema, $"{location}.{property.Name}", problems);
                }

                break;
            case JsonTypeInfoKind.Enumerable when typeInfo.ElementType is { } elementType:
                var items = Flatten(schema).Select(s => s.Items).FirstOrDefault(i => i is not null);
                if (items is null)
                {
                    problems.Add($"{location}: the spec does not describe an array here");
                    break;
                }

                CheckContract(typeInfo.Options.GetTypeInfo(elementType), items, $"{location}[]", problems);
                break;
        }
    }

    /// <summary>The schema and everything it composes with allOf (references resolve transparently).</summary>
    public static IEnumerable<IOpenApiSchema> Flatten(IOpenApiSchema schema)
    {
        yield return schema;
        foreach (var part in schema.AllOf ?? [])
        {
            foreach (var inner in Flatten(part))
            {
                yield return inner;
            }
        }
    }

    public static HashSet<string> EnumValues(IOpenApiSchema schema) =>
        Flatten(schema).SelectMany(s => s.Enum ?? []).Where(n => n is not null).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    /// <summary>The oneOf/anyOf branch whose <paramref name="discriminator"/> property allows <paramref name="value"/>.</summary>
    public static IOpenApiSchema? FindBranch(IOpenApiSchema schema, string discriminator, string value)
    {
        foreach (var branch in Flatten(schema).SelectMany(s => (s.OneOf ?? []).Concat(s.AnyOf ?? [])))
        {
            var properties = PropertiesOf(branch, null);
            if (properties.TryGetValue(discriminator, out var property) && EnumValues(property).Contains(value))
            {
                return branch;
            }
        }

        return null;
    }

    /// <summary>
    /// The properties a JSON object may carry: its own and allOf's; of oneOf/anyOf branches, the one the object's
    /// discriminator selects when it has one, else all of them.
    /// </summary>
    public static Dictionary<string, IOpenApiSchema> PropertiesOf(IOpenApiSchema schema, JsonObject? instance)
    {
        var result = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var part in Flatten(schema))
        {
            foreach (var (name, property) in part.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                result.TryAdd(name, property);
            }

            var branches = (part.OneOf ?? []).Concat(part.AnyOf ?? []).ToList();
            var discriminator = part.Discriminator?.PropertyName;

            // A discriminator mapping without oneOf (e.g. the OAuth token request): the mapped schema describes the rest.
            if (branches.Count == 0 && discriminator is not null && part.Discriminator?.Mapping is { } mapping
                && instance?[discriminator] is JsonValue key && key.GetValueKind() == JsonValueKind.String
                && mapping.TryGetValue(key.GetValue<string>(), out var mapped) && !ReferenceEquals(mapped, schema))
            {
                branches = [mapped];
            }

            if (branches.Count == 0)
            {
                continue;
            }

            if (discriminator is not null && instance?[discriminator] is JsonValue selector && selector.GetValueKind() == JsonValueKind.String
                && FindBranch(part, discriminator, selector.GetValue<string>()) is { } selected)
            {
                branches = [selected];
            }

            foreach (var branch in branches)
            {
                foreach (var (name, property) in PropertiesOf(branch, instance))
                {
                    result.TryAdd(name, property);
                }
            }
        }

        return result;
    }
}
