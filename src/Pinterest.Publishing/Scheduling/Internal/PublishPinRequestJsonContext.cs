using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// The source-generated JSON context of <see cref="PublishPinRequestJson"/> (trim and AOT safe: no reflection).
/// Unknown members are skipped, so a row written by a later minor change (an added optional field) still reads.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(PublishPinRequestDocument))]
internal sealed partial class PublishPinRequestJsonContext : JsonSerializerContext;
