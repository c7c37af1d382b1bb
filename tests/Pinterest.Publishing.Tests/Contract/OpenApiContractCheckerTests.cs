using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace Pinterest.Publishing.Tests.Contract;

/// <summary>The contract checker must catch mistakes, or the contract tests prove nothing.</summary>
public sealed partial class OpenApiContractCheckerTests
{
    [Fact]
    public async Task A_misspelt_property_in_a_sent_body_is_reported()
    {
        var contract = await OpenApiContract.GetAsync();

        var problems = contract.CheckRequest(HttpMethod.Post, new Uri("https://api.pinterest.com/v5/pins"), "application/json",
            """{"board_id":"1","alt_txt":"x","media_source":{"source_type":"image_url","url":"https://e.com/a.jpg"}}""");

        Assert.Equal(["POST /pins: property 'alt_txt' not in the spec"], problems);
    }

    [Fact]
    public async Task A_property_of_the_wrong_media_source_branch_is_reported()
    {
        var contract = await OpenApiContract.GetAsync();

        var problems = contract.CheckRequest(HttpMethod.Post, new Uri("https://api.pinterest.com/v5/pins"), "application/json",
            """{"board_id":"1","media_source":{"source_type":"image_url","url":"https://e.com/a.jpg","cover_image_url":"https://e.com/c.jpg"}}""");

        Assert.Equal(["POST /pins.media_source: property 'cover_image_url' not in the spec"], problems);
    }

    [Fact]
    public async Task An_unknown_enum_value_and_a_misspelt_nested_item_property_are_reported()
    {
        var contract = await OpenApiContract.GetAsync();

        var problems = contract.CheckRequest(HttpMethod.Post, new Uri("https://api.pinterest.com/v5/pins"), "application/json",
            """{"board_id":"1","media_source":{"source_type":"multiple_image_base64","items":[{"content_type":"image/gif","data":"A"},{"content_type":"image/png","dta":"B"}]}}""");

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'image/gif' not in the spec's enum", StringComparison.Ordinal));
        Assert.Contains("POST /pins.media_source.items[1]: property 'dta' not in the spec", problems);
    }

    [Fact]
    public async Task An_unknown_discriminator_value_is_reported()
    {
        var contract = await OpenApiContract.GetAsync();

        var problems = contract.CheckRequest(HttpMethod.Post, new Uri("https://api.pinterest.com/v5/pins"), "application/json",
            """{"board_id":"1","media_source":{"source_type":"image_ulr","url":"https://e.com/a.jpg"}}""");

        Assert.Contains(problems, p => p.Contains("'image_ulr' not in the spec's enum", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("POST", "https://api.pinterest.com/v5/pinz")]
    [InlineData("PUT", "https://api.pinterest.com/v5/pins")]
    [InlineData("GET", "https://api.pinterest.com/v5/boards/1/sectionz")]
    [InlineData("GET", "https://api.pinterest.com/pins/1")]
    public async Task A_non_existent_path_or_method_is_reported(string method, string uri)
    {
        var contract = await OpenApiContract.GetAsync();

        var problems = contract.CheckRequest(new HttpMethod(method), new Uri(uri), null, null);

        Assert.Single(problems);
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_reported()
    {
        var contract = await OpenApiContract.GetAsync();

        var problems = contract.CheckRequest(HttpMethod.Get, new Uri("https://api.pinterest.com/v5/boards?page_size=25&pagesize=3"), null, null);

        Assert.Equal(["GET /boards: query parameter 'pagesize' not in the spec"], problems);
    }

    [Fact]
    public async Task A_query_value_outside_its_enum_or_pattern_and_an_array_sent_against_its_explode_are_reported()
    {
        var contract = await OpenApiContract.GetAsync();

        var ok = contract.CheckRequest(HttpMethod.Get, new Uri("https://api.pinterest.com/v5/pins/analytics?pin_ids=1&pin_ids=2&start_date=2026-11-01&end_date=2026-11-02&metric_types=IMPRESSION,SAVE&ad_account_id=12"), null, null);
        var bad = contract.CheckRequest(HttpMethod.Get, new Uri("https://api.pinterest.com/v5/pins/analytics?pin_ids=1,2&metric_types=IMPRESSION&metric_types=SAVES&app_types=DESKTOP&ad_account_id=x1"), null, null);

        Assert.Empty(ok);
        Assert.Equal(
            [
                "GET /pins/analytics: query parameter 'pin_ids': value '1,2' does not match ^\\d+$",
                "GET /pins/analytics: query parameter 'metric_types': sent 2 times, but the spec wants one comma-separated value (explode: false)",
                "GET /pins/analytics: query parameter 'metric_types': value 'SAVES' not in its enum",
                "GET /pins/analytics: query parameter 'app_types': value 'DESKTOP' not in its enum",
                "GET /pins/analytics: query parameter 'ad_account_id': value 'x1' does not match ^\\d+$",
            ],
            bad);
    }

    [Fact]
    public async Task An_unknown_form_field_is_reported_and_continuous_refresh_only_because_the_spec_documents_it()
    {
        var contract = await OpenApiContract.GetAsync();

        var ok = contract.CheckRequest(HttpMethod.Post, new Uri("https://api.pinterest.com/v5/oauth/token"), "application/x-www-form-urlencoded",
            "grant_type=authorization_code&code=c&redirect_uri=https%3A%2F%2Fa&continuous_refresh=true");
        var bad = contract.CheckRequest(HttpMethod.Post, new Uri("https://api.pinterest.com/v5/oauth/token"), "application/x-www-form-urlencoded",
            "grant_type=refresh_token&refreshtoken=r");

        Assert.Empty(ok);
        Assert.Equal(["POST /oauth/token: property 'refreshtoken' not in the spec"], bad);
    }

    [Fact]
    public async Task A_misspelt_property_in_a_model_contract_is_reported()
    {
        var contract = await OpenApiContract.GetAsync();
        var schema = OpenApiContract.RequestSchema(contract.FindOperation(HttpMethod.Post, "pins")!.Value.Operation, "application/json")!;

        var problems = new List<string>();
        OpenApiContract.CheckContract(MisspeltContext.Default.MisspeltPin, schema, "MisspeltPin", problems);

        Assert.Equal(
            [
                "MisspeltPin: property 'alt_txt' not in the spec",
                "MisspeltPin.media_source(video_id): property 'cover_url' not in the spec",
                "MisspeltPin.media_source: no spec schema with source_type = 'video_url'",
            ],
            problems);
    }

    [Fact]
    public async Task A_subtype_with_an_unknown_discriminator_is_reported()
    {
        var contract = await OpenApiContract.GetAsync();
        var schema = contract.Document.Components!.Schemas!["PinMediaSource"];

        var problems = new List<string>();
        OpenApiContract.CheckContract(MisspeltContext.Default.MisspeltSource, schema, "source", problems);

        Assert.Contains("source: no spec schema with source_type = 'video_url'", problems);
    }

    internal sealed class MisspeltPin
    {
        public string? BoardId { get; set; }

        public string? AltTxt { get; set; }

        public MisspeltSource? MediaSource { get; set; }
    }

    [JsonPolymorphic(TypeDiscriminatorPropertyName = "source_type")]
    [JsonDerivedType(typeof(MisspeltVideo), "video_id")]
    [JsonDerivedType(typeof(MisspeltVideoUrl), "video_url")]
    internal abstract class MisspeltSource
    {
    }

    internal sealed class MisspeltVideo : MisspeltSource
    {
        public string? MediaId { get; set; }

        public string? CoverUrl { get; set; }
    }

    internal sealed class MisspeltVideoUrl : MisspeltSource
    {
        public string? Url { get; set; }
    }

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(MisspeltPin))]
    internal sealed partial class MisspeltContext : JsonSerializerContext
    {
    }
}
