using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// The library's source-generated JSON (<see cref="PinterestJsonContext"/>) against reflection-based System.Text.Json
/// with the same options (baseline): serializing a carousel create request and deserializing a created Pin.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonSerializationBenchmarks
{
    private static readonly JsonSerializerOptions ReflectionOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UtcDateTimeOffsetConverter() },
    };

    private readonly CreatePinRequest _request = SamplePins.CarouselRequest();
    private readonly byte[] _pinJson = SamplePins.CreatedPinJson();

    [GlobalSetup]
    public void Setup()
    {
        // Both paths must produce the same wire format, or the comparison is meaningless.
        var generated = JsonSerializer.Serialize(_request, PinterestJsonContext.Default.CreatePinRequest);
        var reflected = JsonSerializer.Serialize(_request, ReflectionOptions);
        if (generated != reflected)
        {
            throw new InvalidOperationException($"Different JSON:\n{generated}\n{reflected}");
        }

        if (JsonSerializer.Deserialize<Pin>(_pinJson, ReflectionOptions)!.Id != JsonSerializer.Deserialize(_pinJson, PinterestJsonContext.Default.Pin)!.Id)
        {
            throw new InvalidOperationException("Different Pins.");
        }
    }

    [Benchmark(Baseline = true, Description = "Reflection")]
    [BenchmarkCategory("Serialize CreatePinRequest")]
    public byte[] SerializeReflection() => JsonSerializer.SerializeToUtf8Bytes(_request, ReflectionOptions);

    [Benchmark(Description = "Source-generated")]
    [BenchmarkCategory("Serialize CreatePinRequest")]
    public byte[] SerializeSourceGenerated() => JsonSerializer.SerializeToUtf8Bytes(_request, PinterestJsonContext.Default.CreatePinRequest);

    [Benchmark(Baseline = true, Description = "Reflection")]
    [BenchmarkCategory("Deserialize Pin")]
    public Pin? DeserializeReflection() => JsonSerializer.Deserialize<Pin>(_pinJson, ReflectionOptions);

    [Benchmark(Description = "Source-generated")]
    [BenchmarkCategory("Deserialize Pin")]
    public Pin? DeserializeSourceGenerated() => JsonSerializer.Deserialize(_pinJson, PinterestJsonContext.Default.Pin);

    private sealed class Config : ManualConfig
    {
        public Config() => Add(BenchmarkJobs.Config(BenchmarkJobs.Micro()));
    }
}
