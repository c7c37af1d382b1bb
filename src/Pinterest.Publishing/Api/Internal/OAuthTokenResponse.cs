using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>The answer of <c>POST /v5/oauth/token</c>.</summary>
/// <remarks>
/// Read leniently: a refresh has already spent the stored refresh token, so a member of the wrong type or out of range
/// (<c>"expires_in": 9223372036854775808</c>, <c>"access_token": 1</c>) must not make the whole answer unreadable and
/// lose the rotated refresh token next to it. Such a member reads as absent, or its number as the nearest
/// <see cref="long"/>; <see cref="OAuthClient"/> decides what an absent or absurd value means.
/// </remarks>
internal sealed class OAuthTokenResponse
{
    [JsonConverter(typeof(LenientString))]
    public string? AccessToken { get; set; }

    [JsonConverter(typeof(LenientString))]
    public string? TokenType { get; set; }

    [JsonConverter(typeof(LenientInt64))]
    public long? ExpiresIn { get; set; }

    [JsonConverter(typeof(LenientString))]
    public string? Scope { get; set; }

    [JsonConverter(typeof(LenientString))]
    public string? ResponseType { get; set; }

    [JsonConverter(typeof(LenientString))]
    public string? RefreshToken { get; set; }

    [JsonConverter(typeof(LenientInt64))]
    public long? RefreshTokenExpiresIn { get; set; }

    /// <summary>Unix seconds.</summary>
    [JsonConverter(typeof(LenientInt64))]
    public long? RefreshTokenExpiresAt { get; set; }

    // Never render tokens.
    public override string ToString() => $"OAuthTokenResponse {{ ExpiresIn = {ExpiresIn}, Scope = {Scope} }}";

    /// <summary>A string, or <see langword="null"/> for a value of any other type.</summary>
    internal sealed class LenientString : JsonConverter<string?>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>
    /// A whole number, clamped to <see cref="long"/>'s range when larger (a fraction is truncated); a numeric string is
    /// read the same way; anything else is <see langword="null"/>.
    /// </summary>
    internal sealed class LenientInt64 : JsonConverter<long?>
    {
        public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var whole))
                    {
                        return whole;
                    }

                    return Clamp(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
                case JsonTokenType.String:
                    return Clamp(reader.GetString());
                default:
                    reader.Skip();
                    return null;
            }
        }

        public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
        {
            if (value is { } number)
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        private static long? Clamp(string? text)
        {
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            {
                return whole;
            }

            // Past double's range the value parses as an infinity, whose sign is all that matters here.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || double.IsNaN(real))
            {
                return null;
            }

            return real >= long.MaxValue ? long.MaxValue : real <= long.MinValue ? long.MinValue : (long)real;
        }
    }
}
