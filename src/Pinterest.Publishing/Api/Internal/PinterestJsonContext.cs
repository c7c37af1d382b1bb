using System.Text.Json;
using System.Text.Json.Serialization;
using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The one source-generated JSON context of the API layer (trim and AOT safe). Unknown properties are ignored by
/// default; values Pinterest may extend (privacy, status, metric names…) are strings or extensible enums, never CLR
/// enums, so a new value never throws.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    // A null where a member is declared non-nullable (a broken answer's "id": null) is an unreadable answer, not a
    // result that throws NullReferenceException later.
    RespectNullableAnnotations = true,
    Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(CreatePinRequest))]
[JsonSerializable(typeof(UpdatePinRequest))]
[JsonSerializable(typeof(SavePinRequest))]
[JsonSerializable(typeof(UpdateBoardRequest))]
[JsonSerializable(typeof(UpdateBoardSectionRequest))]
[JsonSerializable(typeof(PinterestPage<MediaUploadDetails>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, AnalyticsMetrics>>))]
[JsonSerializable(typeof(TopPinsReport))]
[JsonSerializable(typeof(Pin))]
[JsonSerializable(typeof(PinterestPage<Pin>))]
[JsonSerializable(typeof(Board))]
[JsonSerializable(typeof(PinterestPage<Board>))]
[JsonSerializable(typeof(CreateBoardRequest))]
[JsonSerializable(typeof(BoardSection))]
[JsonSerializable(typeof(PinterestPage<BoardSection>))]
[JsonSerializable(typeof(CreateBoardSectionRequest))]
[JsonSerializable(typeof(MediaUploadCreateRequest))]
[JsonSerializable(typeof(MediaUploadRegistration))]
[JsonSerializable(typeof(MediaUploadDetails))]
[JsonSerializable(typeof(UserAccount))]
[JsonSerializable(typeof(Dictionary<string, AnalyticsMetrics>))]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(PinterestErrorBody))]
internal sealed partial class PinterestJsonContext : JsonSerializerContext
{
}
