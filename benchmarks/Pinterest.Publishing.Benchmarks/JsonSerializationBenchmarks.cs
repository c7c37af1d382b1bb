using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// JSON round trip (serialize, then deserialize) of a carousel create-Pin request: the library's source-generated
/// context against reflection-based serialization with the same options.
/// </summary>
[MemoryDiagnoser]
public class JsonSerializationBenchmarks
{
    private readonly JsonSerializerOptions _reflectionOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new UtcDateTimeOffsetConverter() },
    };

    private CreatePinRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = new CreatePinRequest
        {
            BoardId = "549755885175",
            Title = "Summer salad, three ways",
            Description = "Fresh, quick and colourful: three salads for hot days. " + new string('x', 300),
            Link = "https://example.com/recipes/summer-salads?utm_source=pinterest",
            AltText = "Three bowls of salad on a wooden table",
            DominantColor = "#6E7874",
            MediaSource = new MultipleImageUrlsMediaSource
            {
                Items =
                [
                    new ImageUrlItem { Url = "https://example.com/img/1.jpg", Title = "Greek", Description = "Feta and olives", Link = "https://example.com/1" },
                    new ImageUrlItem { Url = "https://example.com/img/2.jpg", Title = "Caesar", Description = "Crunchy croutons", Link = "https://example.com/2" },
                    new ImageUrlItem { Url = "https://example.com/img/3.jpg", Title = "Nicoise", Description = "Tuna and eggs", Link = "https://example.com/3" },
                ],
            },
        };

        // Both paths must produce the same JSON, or the comparison is meaningless.
        var generated = JsonSerializer.Serialize(_request, PinterestJsonContext.Default.CreatePinRequest);
        var reflected = JsonSerializer.Serialize(_request, _reflectionOptions);
        if (generated != reflected)
        {
            throw new InvalidOperationException("Source-generated and reflection JSON differ:\n" + generated + "\n" + reflected);
        }
    }

    [Benchmark(Baseline = true)]
    public CreatePinRequest? Reflection()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(_request, _reflectionOptions);
        return JsonSerializer.Deserialize<CreatePinRequest>(bytes, _reflectionOptions);
    }

    [Benchmark]
    public CreatePinRequest? SourceGenerated()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(_request, PinterestJsonContext.Default.CreatePinRequest);
        return JsonSerializer.Deserialize(bytes, PinterestJsonContext.Default.CreatePinRequest);
    }
}
