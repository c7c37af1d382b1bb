using Microsoft.OpenApi;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Tests.Contract;

/// <summary>What the low-level client sends, checked against Pinterest's OpenAPI description.</summary>
public sealed class ApiContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, PinMediaSource> MediaSources => new()
    {
        { "image_url", new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } },
        { "image_base64", new ImageBase64MediaSource { ContentType = "image/jpeg", Data = "AAAA" } },
        { "multiple_image_urls", new MultipleImageUrlsMediaSource { Items = [new ImageUrlItem { Url = "https://e.com/1.jpg", Title = "t", Description = "d", Link = "https://e.com" }, new ImageUrlItem { Url = "https://e.com/2.jpg" }], Index = 0 } },
        { "multiple_image_base64", new MultipleImageBase64MediaSource { Items = [new ImageBase64Item { ContentType = "image/png", Data = "AAAA", Title = "t", Description = "d", Link = "https://e.com" }, new ImageBase64Item { ContentType = "image/jpeg", Data = "BBBB" }], Index = 1 } },
        { "video_id cover url", new VideoIdMediaSource { MediaId = "1", CoverImageUrl = "https://e.com/c.jpg" } },
        { "video_id cover data", new VideoIdMediaSource { MediaId = "1", CoverImageContentType = "image/png", CoverImageData = "AAAA" } },
        { "video_id key frame", new VideoIdMediaSource { MediaId = "1", CoverImageKeyFrameTime = 3 } },
    };

    [Fact]
    public async Task Every_call_the_client_makes_exists_in_the_spec_with_its_query_and_body()
    {
        var contract = await OpenApiContract.GetAsync();
        var handler = await ExerciseEveryEndpointAsync();

        var called = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var request in handler.Requests)
        {
            Assert.Empty(contract.CheckRequest(request.Method, request.Uri, request.ContentType, request.Body));
            called.Add($"{request.Method} {contract.FindOperation(request.Method, request.Uri.AbsolutePath["/v5/".Length..])!.Value.Template}");
        }

        // The list proves every sub-client method was exercised above.
        Assert.Equal(
            [
                "DELETE /boards/{board_id}",
                "DELETE /boards/{board_id}/sections/{section_id}",
                "DELETE /pins/{pin_id}",
                "GET /boards",
                "GET /boards/{board_id}",
                "GET /boards/{board_id}/pins",
                "GET /boards/{board_id}/sections",
                "GET /boards/{board_id}/sections/{section_id}/pins",
                "GET /media",
                "GET /media/{media_id}",
                "GET /pins",
                "GET /pins/analytics",
                "GET /pins/{pin_id}",
                "GET /pins/{pin_id}/analytics",
                "GET /user_account",
                "GET /user_account/analytics",
                "GET /user_account/analytics/top_pins",
                "GET /user_account/analytics/top_video_pins",
                "PATCH /boards/{board_id}",
                "PATCH /boards/{board_id}/sections/{section_id}",
                "PATCH /pins/{pin_id}",
                "POST /boards",
                "POST /boards/{board_id}/sections",
                "POST /media",
                "POST /oauth/token",
                "POST /oauth/token/revoke",
                "POST /pins",
                "POST /pins/{pin_id}/save",
            ],
            called);
    }

    [Fact]
    public async Task OAuth_calls_use_basic_auth_and_api_calls_use_bearer()
    {
        var handler = await ExerciseEveryEndpointAsync();

        Assert.All(handler.Requests, r => Assert.Equal(r.Uri.AbsolutePath.StartsWith("/v5/oauth/", StringComparison.Ordinal) ? "Basic" : "Bearer", r.AuthScheme));
    }

    [Theory]
    [MemberData(nameof(MediaSources))]
    public async Task Every_media_source_variant_conforms_to_PinCreate(string name, PinMediaSource source)
    {
        _ = name;
        var contract = await OpenApiContract.GetAsync();
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);
        var client = new PinterestClient(http, "token", Options());

        await client.Pins.CreateAsync(new CreatePinRequest
        {
            BoardId = "1", BoardSectionId = "2", Title = "t", Description = "d", Link = "https://e.com", AltText = "a", DominantColor = "#112233", MediaSource = source,
        });

        var request = Assert.Single(handler.Requests);
        Assert.Empty(contract.CheckRequest(request.Method, request.Uri, request.ContentType, request.Body));
    }

    [Fact]
    public async Task Every_property_of_every_request_model_exists_in_its_request_schema()
    {
        var contract = await OpenApiContract.GetAsync();
        var context = PinterestJsonContext.Default;
        var models = new (System.Text.Json.Serialization.Metadata.JsonTypeInfo TypeInfo, HttpMethod Method, string Path)[]
        {
            (context.CreatePinRequest, HttpMethod.Post, "pins"),
            (context.CreateBoardRequest, HttpMethod.Post, "boards"),
            (context.CreateBoardSectionRequest, HttpMethod.Post, "boards/1/sections"),
            (context.MediaUploadCreateRequest, HttpMethod.Post, "media"),
            (context.UpdatePinRequest, HttpMethod.Patch, "pins/1"),
            (context.SavePinRequest, HttpMethod.Post, "pins/1/save"),
            (context.UpdateBoardRequest, HttpMethod.Patch, "boards/1"),
            (context.UpdateBoardSectionRequest, HttpMethod.Patch, "boards/1/sections/2"),
        };

        var problems = new List<string>();
        var checkedProperties = 0;
        foreach (var (typeInfo, method, path) in models)
        {
            var operation = contract.FindOperation(method, path)!.Value.Operation;
            var schema = OpenApiContract.RequestSchema(operation, "application/json")!;
            OpenApiContract.CheckContract(typeInfo, schema, typeInfo.Type.Name, problems);
            checkedProperties += typeInfo.Properties.Count;
        }

        Assert.Empty(problems);
        Assert.True(checkedProperties >= 23);
    }

    [Fact]
    public async Task The_media_source_subtypes_all_map_to_spec_branches()
    {
        var contract = await OpenApiContract.GetAsync();
        var schema = contract.Document.Components!.Schemas!["PinMediaSource"];
        var polymorphism = PinterestJsonContext.Default.PinMediaSource.PolymorphismOptions!;

        Assert.Equal("source_type", polymorphism.TypeDiscriminatorPropertyName);
        Assert.Equal(5, polymorphism.DerivedTypes.Count);
        Assert.All(polymorphism.DerivedTypes, d => Assert.NotNull(OpenApiContract.FindBranch(schema, "source_type", (string)d.TypeDiscriminator!)));
        Assert.Equal("source_type", schema.Discriminator!.PropertyName);
    }

    [Fact]
    public async Task Enum_values_the_client_writes_exist()
    {
        var contract = await OpenApiContract.GetAsync();
        var schemas = contract.Document.Components!.Schemas!;

        Assert.Contains(MediaUploadCreateRequest.Video, OpenApiContract.EnumValues(schemas["MediaUploadType"]));
        var grantTypes = OpenApiContract.EnumValues(OpenApiContract.PropertiesOf(schemas["OauthAccessTokenRequest"], null)["grant_type"]);
        Assert.Contains("authorization_code", grantTypes);
        Assert.Contains("refresh_token", grantTypes);
        var mediaStatuses = OpenApiContract.EnumValues(schemas["MediaUploadStatus"]);
        Assert.Equal(
            mediaStatuses.Order(),
            new[] { MediaUploadStatus.Registered, MediaUploadStatus.Processing, MediaUploadStatus.Succeeded, MediaUploadStatus.Failed }.Select(s => s.Value).Order());
    }

    [Fact]
    public async Task Length_limits_equal_the_spec()
    {
        var contract = await OpenApiContract.GetAsync();
        var schemas = contract.Document.Components!.Schemas!;
        var pinCreate = schemas["PinCreate"].Properties!;

        Assert.Equal(PinterestLimits.TitleMaxLength, pinCreate["title"].MaxLength);
        Assert.Equal(PinterestLimits.DescriptionMaxLength, pinCreate["description"].MaxLength);
        Assert.Equal(PinterestLimits.AltTextMaxLength, pinCreate["alt_text"].MaxLength);
        Assert.Equal(PinterestLimits.LinkMaxLength, pinCreate["link"].MaxLength);
        Assert.Equal(PinterestLimits.BoardSectionNameMaxLength, schemas["BoardSection"].Properties!["name"].MaxLength);
        foreach (var carousel in new[] { "PinMediaSourceImagesURL", "PinMediaSourceImagesBase64" })
        {
            Assert.Equal(PinterestLimits.CarouselMinItems, schemas[carousel].Properties!["items"].MinItems);
            Assert.Equal(PinterestLimits.CarouselMaxItems, schemas[carousel].Properties!["items"].MaxItems);
        }
    }

    [Theory]
    [InlineData("boards")]
    [InlineData("boards/1/sections")]
    [InlineData("boards/1/pins")]
    public async Task The_page_size_limit_equals_the_spec_maximum(string path)
    {
        var contract = await OpenApiContract.GetAsync();
        var operation = contract.FindOperation(HttpMethod.Get, path)!.Value.Operation;

        var pageSize = OpenApiContract.Parameter(operation, "page_size", ParameterLocation.Query)!;

        Assert.Equal(PinterestLimits.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), pageSize.Schema!.Maximum);
        Assert.NotNull(OpenApiContract.Parameter(operation, "bookmark", ParameterLocation.Query));
    }

    [Theory]
    [InlineData("pins/1/analytics")]
    [InlineData("user_account/analytics")]
    public async Task The_analytics_window_limit_matches_the_spec_text(string path)
    {
        var contract = await OpenApiContract.GetAsync();
        var operation = contract.FindOperation(HttpMethod.Get, path)!.Value.Operation;

        Assert.Contains($"Cannot be more than {PinterestLimits.AnalyticsMaxDays} days back", OpenApiContract.Parameter(operation, "start_date", ParameterLocation.Query)!.Description, StringComparison.Ordinal);
        Assert.Contains($"Cannot be more than {PinterestLimits.AnalyticsMaxDays} days past start_date", OpenApiContract.Parameter(operation, "end_date", ParameterLocation.Query)!.Description, StringComparison.Ordinal);
    }

    internal static PinterestClientOptions Options() => new()
    {
        ApiBaseAddress = new Uri("https://api.pinterest.com/"),
        ClientId = "id",
        ClientSecret = "secret",
        TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now),
    };

    private static async Task<RecordingHandler> ExerciseEveryEndpointAsync()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);
        var client = new PinterestClient(http, "token", Options());
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        await client.Pins.CreateAsync(new CreatePinRequest { BoardId = "1", Title = "t", AltText = "a", MediaSource = new ImageUrlMediaSource { Url = "https://e.com/a.jpg" } });
        await client.Pins.GetAsync("1");
        await client.Pins.DeleteAsync("1");
        await client.Pins.GetAnalyticsAsync("1", today.AddDays(-7), today, ["IMPRESSION", "SAVE"], "ALL", "NO_SPLIT", adAccountId: "12");
        await client.Pins.UpdateAsync("1", new UpdatePinRequest { Title = "t", Description = "d", Link = "https://e.com", AltText = "a", BoardId = "2", BoardSectionId = "3" }, adAccountId: "12");
        await client.Pins.SaveAsync("1", new SavePinRequest { BoardId = "2", BoardSectionId = "3" }, adAccountId: "12");
        var filter = new PinListFilter { PinFilter = "exclude_repins", IncludeProtectedPins = true, PinType = "PRIVATE", CreativeTypes = ["REGULAR", "VIDEO"], AdAccountId = "12" };
        await foreach (var unused in client.Pins.GetPinsAsync(filter))
        {
        }

        await client.Pins.GetAnalyticsForPinsAsync(["1", "2"], today.AddDays(-7), today, ["IMPRESSION", "VIDEO_START"], "WEB", adAccountId: "12");
        await foreach (var unused in client.Boards.GetBoardsAsync())
        {
        }

        await client.Boards.GetAsync("1");
        await client.Boards.CreateAsync(new CreateBoardRequest { Name = "n", Description = "d", Privacy = "SECRET" });
        await client.Boards.CreateSectionAsync("1", new CreateBoardSectionRequest { Name = "s" });
        await foreach (var unused in client.Boards.GetSectionsAsync("1"))
        {
        }

        await foreach (var unused in client.Boards.GetPinsAsync("1"))
        {
        }

        await client.Boards.UpdateAsync("1", new UpdateBoardRequest { Name = "n", Description = "d", Privacy = "SECRET" }, adAccountId: "12");
        await client.Boards.UpdateSectionAsync("1", "2", new UpdateBoardSectionRequest { Name = "s" }, adAccountId: "12");
        await foreach (var unused in client.Boards.GetSectionPinsAsync("1", "2", adAccountId: "12"))
        {
        }

        await client.Boards.DeleteSectionAsync("1", "2", adAccountId: "12");
        await client.Boards.DeleteAsync("1", adAccountId: "12");
        await foreach (var unused in client.Media.GetMediaAsync())
        {
        }

        await client.Media.RegisterVideoUploadAsync();
        await client.Media.GetAsync("1");
        await client.UserAccount.GetAsync();
        var accountFilter = new AccountAnalyticsFilter { FromClaimedContent = "CLAIMED", PinFormat = "ORGANIC_VIDEO", ContentType = "ORGANIC", Source = "YOUR_PINS", AdAccountId = "12" };
        await client.UserAccount.GetAnalyticsAsync(today.AddDays(-7), today, ["IMPRESSION"], "ALL", "NO_SPLIT", accountFilter);
        await client.UserAccount.GetTopPinsAsync(today.AddDays(-7), today, "ENGAGEMENT", new TopPinsQuery { MetricTypes = ["IMPRESSION", "SAVE"], PinCount = 50, CreatedInLastDays = 30, AppTypes = "WEB", Filter = accountFilter });
        await client.UserAccount.GetTopVideoPinsAsync(today.AddDays(-7), today, "VIDEO_START", new TopPinsQuery { MetricTypes = ["VIDEO_START", "VIDEO_MRC_VIEW"], PinCount = 10, CreatedInLastDays = 30, AppTypes = "MOBILE", Filter = accountFilter });
        await client.OAuth.RevokeAsync("token", "refresh_token");
        await client.OAuth.ExchangeCodeAsync("code", new Uri("https://app.example.com/cb"));
        await client.OAuth.RefreshAsync("refresh");
        return handler;
    }
}
