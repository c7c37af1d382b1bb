using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Pinterest.Publishing.Tests.Security.PropertyBased;

/// <summary>
/// Response bodies for the API client: realistic answers whose «marked» values may be swapped for values of the wrong
/// type, then maybe truncated; random JSON; random bytes; and huge bodies.
/// </summary>
internal static partial class ApiBodies
{
    private const int MaxSlots = 12;

    private static readonly string[] Templates =
    [
        """{"id":«"9007199254740993"»,"created_at":«"2026-11-23T12:00:00"»,"link":«"https://example.test/"»,"title":«"t"»,"description":«"d"»,"alt_text":«null»,"board_id":«"1"»,"board_section_id":«null»,"dominant_color":«"#ffffff"»,"media":«{"media_type":"image","images":{"600x":{"url":"https://i.example.test/a.jpg","width":600,"height":900}}}»}""",
        """{"items":«[{"id":"1","name":"b","privacy":"PUBLIC"},{"id":"2","title":"pin","board_id":"1"}]»,"bookmark":«"next"»}""",
        """{"items":«[]»,"bookmark":«null»}""",
        """{"items":[{"id":«"1"»,"name":«"b"»,"title":«"t"»,"board_id":«"1"»}],"bookmark":«null»}""",
        """{"id":«"1"»,"name":«"Recipes"»,"description":«"d"»,"privacy":«"PUBLIC"»,"owner":«{"username":"u"}»,"pin_count":«3»,"created_at":«"2026-01-01T00:00:00"»}""",
        """{"media_id":«"12345"»,"media_type":«"video"»,"upload_url":«"https://upload.example.test/"»,"upload_parameters":«{"key":"k","policy":"p","x-amz-signature":"s"}»}""",
        """{"media_id":«"1"»,"media_type":«"video"»,"status":«"succeeded"»}""",
        """{"username":«"u"»,"account_type":«"BUSINESS"»,"id":«"1"»,"profile_image":«"https://i.example.test/p.jpg"»,"website_url":«null»,"business_name":«"b"»}""",
        """{"access_token":«"pina_new"»,"refresh_token":«"pinr_new"»,"response_type":«"refresh_token"»,"token_type":«"bearer"»,"expires_in":«2592000»,"refresh_token_expires_in":«31536000»,"refresh_token_expires_at":«1790000000»,"scope":«"pins:read,pins:write"»}""",
        """{"code":«8»,"message":«"Spam"»,"status":«"failure"»}""",
        """{"code":«2»,"message":«"Authentication failed."»}""",
        """{"all":«{"daily_metrics":[{"date":"2026-01-01","data_status":"READY","metrics":{"IMPRESSION":1}}],"summary_metrics":{"IMPRESSION":1}}»}""",
    ];

    private static readonly Gen<string> WrongValue = Gen.Frequency(
        (4, FuzzGen.Always("null")),
        (6, Gen.OneOf(
            "null", "true", "0", "-1", "1.5", "1e400", "-1e400", "99999999999999999999999", "\"\"", "\"abc\"", "[]", "{}",
            "[1,{\"a\":null}]", "{\"id\":{}}", "\"2026-13-45T99:00:00Z\"", "\"\\ud800\"", "\"\\u0000\"", "\"PT1S\"",
            "\"9007199254740993\"", "9007199254740993", "\"-0\"", "NaN", "\"NaN\"", "Infinity", "'single'", "\"\\x\"")),
        (1, Gen.Int[1_000, 200_000].Select(n => "\"" + new string('a', n) + "\"")),
        (1, Gen.String[Gen.Char, 0, 30].Select(s => System.Text.Json.JsonSerializer.Serialize(s, FuzzJsonContext.Default.String))));

    private static readonly Gen<string> Templated = Gen.Select(
        Gen.Int[0, Templates.Length - 1],
        Gen.Bool.Array[MaxSlots],
        WrongValue.Array[MaxSlots],
        (index, swap, values) =>
        {
            var slot = 0;
            return Slot().Replace(Templates[index], m =>
            {
                var i = slot++ % MaxSlots;
                return swap[i] ? values[i] : m.Groups[1].Value;
            });
        });

    private static readonly Gen<string> Huge = Gen.OneOf(
        Gen.Int[1_000, 100_000].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.Int[1_000, 100_000].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
        Gen.Int[1_000_000, 4_000_000].Select(n => "{\"id\":\"" + new string('9', n) + "\"}"),
        Gen.Int[10_000, 200_000].Select(n => "{\"items\":[" + string.Join(",", Enumerable.Repeat("{\"id\":\"1\"}", n)) + "],\"bookmark\":null}"),
        Gen.Int[1_000_000, 3_000_000].Select(n => new string(' ', n) + "{}"));

    /// <summary>Any body a broken or hostile server might send.</summary>
    public static readonly Gen<byte[]> Body = Gen.Frequency(
        (6, Gen.Select(Templated, Gen.Double[0, 1], Gen.Bool, (json, cut, truncate) => Encoding.UTF8.GetBytes(truncate ? json[..(int)(json.Length * cut)] : json))),
        (1, Gen.String.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 512]),
        (1, Gen.Const(Array.Empty<byte>())),
        (1, Gen.OneOf("null", "[]", "\"string\"", "42", "{}", "{\"items\":null}", "\uFEFF{}", "{\"code\":null,\"message\":null}").Select(Encoding.UTF8.GetBytes)),
        (1, Huge.Select(Encoding.UTF8.GetBytes)));

    [GeneratedRegex("«(.*?)»", RegexOptions.Singleline)]
    private static partial Regex Slot();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class FuzzJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
