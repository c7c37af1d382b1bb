using System.Net;
using System.Text.Json;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>Checks the emulator's routes and response bodies against Pinterest's openapi.json: every property it sends is
/// declared by the response schema (or is one real answers carry, <see cref="RealButUndeclared"/>), required properties
/// are present, enum values are allowed, timestamps have Pinterest's real shape, and error answers use the spec's
/// example codes.</summary>
public sealed class EmulatorOpenApiConformanceTests
{
    /// <summary>
    /// Properties real answers carry that the spec does not declare, by the name of the object that holds them, each
    /// with the schema it follows and where it was seen.
    /// </summary>
    private static readonly Dictionary<string, (string Schema, string Source)> RealButUndeclared = new(StringComparer.Ordinal)
    {
        ["images.originals"] = ("ImageDetails", "pinterest/api-quickstart issue #78: a real POST /v5/pins answer"),
    };

    /// <summary>Pinterest's timestamps: UTC to the second, no offset ("2022-10-13T01:40:29", pinterest/api-quickstart issue #78).</summary>
    private static readonly System.Text.RegularExpressions.Regex PinterestTimestamp = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$");

    private static readonly Lazy<JsonDocument> Spec = new(() => JsonDocument.Parse(File.ReadAllText(FindSpec())));

    private static JsonElement Root => Spec.Value.RootElement;

    private static string FindSpec()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "eng", "pinterest-openapi", "openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("eng/pinterest-openapi/openapi.json not found above the test output folder.");
    }

    [Fact]
    public void EveryEmulatedRouteExistsInTheSpec()
    {
        var paths = Root.GetProperty("paths");
        Assert.All(PinterestEmulator.ApiRoutes, route =>
        {
            Assert.True(paths.TryGetProperty(route.Path, out var item), $"{route.Path} is not in openapi.json");
            Assert.True(item.TryGetProperty(route.Method.ToLowerInvariant(), out _), $"{route.Method} {route.Path} is not in openapi.json");
        });
    }

    [Fact]
    public void EveryEmulatedRouteDrawsFromTheSpecsRateLimitCategory()
    {
        var paths = Root.GetProperty("paths");
        Assert.All(PinterestEmulator.ApiRoutes.Where(route => route.Path != "/oauth/token"), route =>
        {
            var operation = paths.GetProperty(route.Path).GetProperty(route.Method.ToLowerInvariant());
            var segments = route.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(operation.GetProperty("x-ratelimit-category").GetString(), Pinterest.Publishing.Testing.Internal.RateLimitCategories.Of(route.Method, segments));
        });
    }

    [Fact]
    public async Task ResponsesConformToTheSpec()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board", "Description");
        h.Emulator.AddBoardSection(board, "Section");
        var videoId = await h.CreateSucceededVideoAsync();
        var errors = new List<string>();

        async Task CheckAsync(string method, string template, HttpResponseMessage response)
        {
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(response.IsSuccessStatusCode, $"{method} {template} answered {status}");
            var operation = Root.GetProperty("paths").GetProperty(template).GetProperty(method.ToLowerInvariant());
            Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var declared), $"{method} {template}: status {status} is not declared");
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return;
            }

            var schema = declared.GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Conform(await ReadJsonAsync(response), schema, $"{method} {template}", errors);
        }

        await CheckAsync("GET", "/user_account", await h.Client.GetAsync("v5/user_account"));
        await CheckAsync("GET", "/user_account/analytics", await h.Client.GetAsync("v5/user_account/analytics?start_date=2026-10-01&end_date=2026-10-03"));
        await CheckAsync("GET", "/boards", await h.Client.GetAsync("v5/boards"));
        await CheckAsync("POST", "/boards", await h.PostJsonAsync("v5/boards", """{"name":"New","privacy":"PROTECTED"}"""));
        await CheckAsync("GET", "/boards/{board_id}", await h.Client.GetAsync($"v5/boards/{board.Id}"));
        await CheckAsync("POST", "/boards/{board_id}/sections", await h.PostJsonAsync($"v5/boards/{board.Id}/sections", """{"name":"S2"}"""));
        await CheckAsync("GET", "/boards/{board_id}/sections", await h.Client.GetAsync($"v5/boards/{board.Id}/sections"));

        var sources = new[]
        {
            """{"source_type":"image_url","url":"https://img.example/a.jpg"}""",
            """{"source_type":"multiple_image_urls","items":[{"url":"https://img.example/1.jpg","title":"t"},{"url":"https://img.example/2.jpg"}]}""",
            $$$"""{"source_type":"video_id","media_id":"{{{videoId}}}","cover_image_url":"https://img.example/c.jpg"}""",
        };
        string? pinId = null;
        foreach (var source in sources)
        {
            var created = await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","title":"T","link":"https://shop.example/","media_source":{{{source}}}}""");
            var body = await ReadJsonAsync(created);
            pinId = body.GetProperty("id").GetString();
            created = await h.Client.GetAsync($"v5/pins/{pinId}");
            await CheckAsync("GET", "/pins/{pin_id}", created);
            Conform(body, Root.GetProperty("components").GetProperty("schemas").GetProperty("Pin"), "POST /pins", errors);
        }

        h.Time.Advance(h.Emulator.Options.BoardPinListingDelay); // so the listing holds the Pins, not an empty page
        await CheckAsync("GET", "/boards/{board_id}/pins", await h.Client.GetAsync($"v5/boards/{board.Id}/pins"));
        await CheckAsync("GET", "/pins/{pin_id}/analytics", await h.Client.GetAsync($"v5/pins/{pinId}/analytics?start_date=2026-10-01&end_date=2026-10-02&metric_types=IMPRESSION"));
        await CheckAsync("POST", "/media", await h.PostJsonAsync("v5/media", """{"media_type":"video"}"""));
        await CheckAsync("GET", "/media/{media_id}", await h.Client.GetAsync($"v5/media/{videoId}"));
        await CheckAsync("DELETE", "/pins/{pin_id}", await h.Client.DeleteAsync($"v5/pins/{pinId}"));

        var code = h.Emulator.CreateAuthorizationCode(h.Account, new Uri("https://app.example/cb"));
        var basic = Convert.ToBase64String("emulator-client-id:emulator-client-secret"u8.ToArray());
        foreach (var form in new[] { $"grant_type=authorization_code&code={code}&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", $"grant_type=refresh_token&refresh_token={h.Token.RefreshToken}" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "v5/oauth/token") { Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
            request.Headers.Authorization = new("Basic", basic);
            await CheckAsync("POST", "/oauth/token", await h.Anonymous.SendAsync(request));
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Pin_images_carry_the_specs_size_keys_and_originals()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var videoId = await h.CreateSucceededVideoAsync();
        var sizeKeys = Root.GetProperty("components").GetProperty("schemas").GetProperty("ImageSize").GetProperty("properties")
            .EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(sizeKeys);

        foreach (var source in new[]
        {
            """{"source_type":"image_url","url":"https://img.example/a.jpg"}""",
            $$$"""{"source_type":"video_id","media_id":"{{{videoId}}}","cover_image_url":"https://img.example/c.jpg"}""",
        })
        {
            var pin = await ReadJsonAsync(await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","media_source":{{{source}}}}"""));
            var images = pin.GetProperty("media").GetProperty("images");

            Assert.All(sizeKeys, key => Assert.True(images.TryGetProperty(key, out _), $"{source}: media.images has no '{key}'"));
            var originals = images.GetProperty("originals");
            Assert.StartsWith("https://i.pinimg.com/originals/", originals.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.True(originals.GetProperty("width").GetInt32() > 0);
        }
    }

    [Fact]
    public async Task Timestamps_have_no_offset_and_name_the_UTC_second()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var pin = await ReadJsonAsync(await h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{board.Id}}}","media_source":{"source_type":"image_url","url":"https://img.example/a.jpg"}}"""));
        var fetchedBoard = await ReadJsonAsync(await h.Client.GetAsync($"v5/boards/{board.Id}"));

        var now = h.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(now, pin.GetProperty("created_at").GetString());
        Assert.Matches(PinterestTimestamp, fetchedBoard.GetProperty("created_at").GetString()!);
    }

    /// <summary>Each spec example of an error answer for an operation the emulator serves, and a request that provokes it.</summary>
    public static TheoryData<string, string, string, string?> ErrorExamples() => new()
    {
        { "GET", "/user_account/analytics", "v5/user_account/analytics?start_date=2020-01-01&end_date=2020-01-02", null },
        { "GET", "/user_account/analytics", "v5/user_account/analytics?start_date=2026-10-01", null },
        { "GET", "/pins/{pin_id}/analytics", "v5/pins/{pin}/analytics?start_date=2026-10-01&end_date=2026-10-02", null },
        { "GET", "/pins/{pin_id}/analytics", "v5/pins/424242/analytics?start_date=2026-10-01&end_date=2026-10-02&metric_types=IMPRESSION", null },
        { "POST", "/boards/{board_id}/sections", "v5/boards/{board}/sections", """{"name":""}""" },
        { "POST", "/boards/{board_id}/sections", "v5/boards/{board}/sections", "[]" },
        { "GET", "/boards/{board_id}/pins", "v5/boards/424242/pins", null },
    };

    [Theory]
    [MemberData(nameof(ErrorExamples))]
    public async Task Error_answers_use_the_specs_example_code_and_message(string method, string template, string uri, string? json)
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        var pinId = await h.CreatePinAsync(board.Id, """{"source_type":"image_url","url":"https://img.example/a.jpg"}""");
        uri = uri.Replace("{board}", board.Id, StringComparison.Ordinal).Replace("{pin}", pinId, StringComparison.Ordinal);

        var response = json is null ? await h.Client.GetAsync(uri) : await h.PostJsonAsync(uri, json);

        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var declared = Root.GetProperty("paths").GetProperty(template).GetProperty(method.ToLowerInvariant()).GetProperty("responses");
        Assert.True(declared.TryGetProperty(status, out var answer), $"{method} {template}: status {status} is not declared");
        var example = answer.GetProperty("content").GetProperty("application/json").GetProperty("example");
        var body = await ReadJsonAsync(response);
        Assert.Equal(example.GetProperty("code").GetInt32(), body.GetProperty("code").GetInt32());
        Assert.Equal(example.GetProperty("message").GetString(), body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task OrganicSurfaceResponsesConformToTheSpec()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board", "Description");
        var section = h.Emulator.AddBoardSection(board, "Section");
        var pin = h.Emulator.AddPin(board, new Uri("https://img.example/a.jpg"), "T");
        await h.CreateSucceededVideoAsync();
        var errors = new List<string>();

        // Status and body of each answer against the operation's declared response (a 2xx without a body has none).
        async Task CheckAsync(string method, string template, HttpResponseMessage response)
        {
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(response.IsSuccessStatusCode, $"{method} {template} answered {status}: {await response.Content.ReadAsStringAsync()}");
            var operation = Root.GetProperty("paths").GetProperty(template).GetProperty(method.ToLowerInvariant());
            Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var declared), $"{method} {template}: status {status} is not declared");
            if (declared.TryGetProperty("content", out var content))
            {
                Conform(await ReadJsonAsync(response), content.GetProperty("application/json").GetProperty("schema"), $"{method} {template}", errors);
            }
            else
            {
                Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            }
        }

        HttpRequestMessage Patch(string path, string json) => new(HttpMethod.Patch, path) { Content = Json(json) };

        await CheckAsync("PATCH", "/pins/{pin_id}", await h.Client.SendAsync(Patch($"v5/pins/{pin.Id}", $$$"""{"title":"New","board_section_id":"{{{section.Id}}}"}""")));
        await CheckAsync("POST", "/pins/{pin_id}/save", await h.PostJsonAsync($"v5/pins/{pin.Id}/save", $$$"""{"board_id":"{{{board.Id}}}"}"""));
        await CheckAsync("GET", "/pins", await h.Client.GetAsync("v5/pins?include_protected_pins=true&creative_types=REGULAR"));
        await CheckAsync("GET", "/pins/analytics", await h.Client.GetAsync($"v5/pins/analytics?pin_ids={pin.Id}&start_date=2026-10-01&end_date=2026-10-02&metric_types=IMPRESSION,SAVE"));
        await CheckAsync("GET", "/boards/{board_id}/sections/{section_id}/pins", await h.Client.GetAsync($"v5/boards/{board.Id}/sections/{section.Id}/pins"));
        await CheckAsync("PATCH", "/boards/{board_id}/sections/{section_id}", await h.Client.SendAsync(Patch($"v5/boards/{board.Id}/sections/{section.Id}", """{"name":"Renamed"}""")));
        await CheckAsync("PATCH", "/boards/{board_id}", await h.Client.SendAsync(Patch($"v5/boards/{board.Id}", """{"name":"Renamed","privacy":"SECRET"}""")));
        await CheckAsync("GET", "/media", await h.Client.GetAsync("v5/media"));
        await CheckAsync("GET", "/user_account/analytics/top_pins", await h.Client.GetAsync("v5/user_account/analytics/top_pins?start_date=2026-10-01&end_date=2026-10-31&sort_by=SAVE"));
        await CheckAsync("GET", "/user_account/analytics/top_video_pins", await h.Client.GetAsync("v5/user_account/analytics/top_video_pins?start_date=2026-10-01&end_date=2026-10-31&sort_by=VIDEO_START"));
        await CheckAsync("DELETE", "/boards/{board_id}/sections/{section_id}", await h.Client.DeleteAsync($"v5/boards/{board.Id}/sections/{section.Id}"));
        await CheckAsync("DELETE", "/boards/{board_id}", await h.Client.DeleteAsync($"v5/boards/{board.Id}"));

        var revoke = new HttpRequestMessage(HttpMethod.Post, "v5/oauth/token/revoke") { Content = new StringContent($"token={h.Token.AccessToken}&token_type_hint=access_token", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        revoke.Headers.Authorization = new("Basic", Convert.ToBase64String("emulator-client-id:emulator-client-secret"u8.ToArray()));
        await CheckAsync("POST", "/oauth/token/revoke", await h.Anonymous.SendAsync(revoke));

        Assert.Empty(errors);
    }

    private static JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (!Root.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out schema))
            {
                // A dangling $ref in the spec: accept anything there.
                return JsonDocument.Parse("{}").RootElement;
            }
        }

        return schema;
    }

    /// <summary>The schema and every schema it composes (allOf/oneOf/anyOf and the discriminator's pick).</summary>
    private static List<JsonElement> Flatten(JsonElement schema, JsonElement value)
    {
        var result = new List<JsonElement>();
        void Visit(JsonElement s)
        {
            s = Resolve(s);
            result.Add(s);

            // With a discriminator, only the branch the value names applies, not every oneOf branch.
            if (s.TryGetProperty("discriminator", out var discriminator) && discriminator.TryGetProperty("mapping", out var mapping)
                && value.ValueKind == JsonValueKind.Object && value.TryGetProperty(discriminator.GetProperty("propertyName").GetString()!, out var tag)
                && tag.ValueKind == JsonValueKind.String && mapping.TryGetProperty(tag.GetString()!, out var target)
                && Root.GetProperty("components").GetProperty("schemas").TryGetProperty(target.GetString()!.Split('/')[^1], out var picked))
            {
                Visit(picked);
                if (s.TryGetProperty("allOf", out var all))
                {
                    foreach (var part in all.EnumerateArray())
                    {
                        Visit(part);
                    }
                }

                return;
            }

            foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
            {
                if (s.TryGetProperty(keyword, out var parts))
                {
                    foreach (var part in parts.EnumerateArray())
                    {
                        Visit(part);
                    }
                }
            }
        }

        Visit(schema);
        return result;
    }

    private static void Conform(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var schemas = Flatten(schema, value);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new Dictionary<string, JsonElement>();
                JsonElement? additional = null;
                var required = new HashSet<string>();
                foreach (var s in schemas)
                {
                    if (s.TryGetProperty("properties", out var props))
                    {
                        foreach (var p in props.EnumerateObject())
                        {
                            properties.TryAdd(p.Name, p.Value);
                        }
                    }

                    if (s.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object)
                    {
                        additional = extra;
                    }

                    if (s.TryGetProperty("required", out var req))
                    {
                        foreach (var r in req.EnumerateArray())
                        {
                            required.Add(r.GetString()!);
                        }
                    }
                }

                var open = properties.Count == 0 && additional is null;
                foreach (var property in value.EnumerateObject())
                {
                    if (properties.TryGetValue(property.Name, out var propertySchema))
                    {
                        Conform(property.Value, propertySchema, $"{path}.{property.Name}", errors);
                    }
                    else if (additional is { } additionalSchema)
                    {
                        Conform(property.Value, additionalSchema, $"{path}.{property.Name}", errors);
                    }
                    else if (RealButUndeclared.TryGetValue($"{path[(path.LastIndexOf('.') + 1)..]}.{property.Name}", out var real))
                    {
                        Conform(property.Value, Root.GetProperty("components").GetProperty("schemas").GetProperty(real.Schema), $"{path}.{property.Name}", errors);
                    }
                    else if (!open)
                    {
                        errors.Add($"{path}.{property.Name} is not declared by the spec");
                    }
                }

                foreach (var name in required.Where(r => properties.ContainsKey(r) && !value.TryGetProperty(r, out _)))
                {
                    errors.Add($"{path}.{name} is required by the spec but missing");
                }

                break;
            case JsonValueKind.Array:
                foreach (var s in schemas)
                {
                    if (s.TryGetProperty("items", out var items))
                    {
                        var i = 0;
                        foreach (var element in value.EnumerateArray())
                        {
                            Conform(element, items, $"{path}[{i++}]", errors);
                        }

                        break;
                    }
                }

                break;
            case JsonValueKind.String:
                foreach (var s in schemas)
                {
                    if (s.TryGetProperty("format", out var format) && format.GetString() == "date-time" && !PinterestTimestamp.IsMatch(value.GetString()!))
                    {
                        errors.Add($"{path} = '{value.GetString()}' is not a timestamp as Pinterest writes one (yyyy-MM-ddTHH:mm:ss, no offset)");
                    }

                    if (s.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.String && v.GetString() == value.GetString()))
                    {
                        errors.Add($"{path} = '{value.GetString()}' is not an allowed enum value");
                    }
                }

                break;
        }
    }
}
