using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Reads an id from a Pinterest answer (Pin, board, section, media): 1 to 64 characters of <c>[0-9A-Za-z_-]</c>.
/// Pinterest's ids are short strings of digits; anything else (a megabyte of text, control characters, a path) makes
/// the answer unreadable before the id can be used, returned, put in a URL or logged. An unreadable create answer is
/// an ambiguous create, so it is reconciled, never taken as a success.
/// </summary>
internal sealed class PinterestIdConverter : JsonConverter<string>
{
    /// <summary>The longest id accepted; Pinterest's are about 20 digits.</summary>
    public const int MaxLength = 64;

    private static readonly SearchValues<char> IdChars = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-");

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A Pinterest id must be a JSON string.");
        }

        // The raw token is at least as long as the id (escapes only make it longer): a huge one is refused unread.
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > MaxLength * 6)
        {
            throw Implausible();
        }

        var id = reader.GetString()!;
        return IsPlausible(id) ? id : throw Implausible();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    /// <summary>Whether <paramref name="id"/> can be a Pinterest id.</summary>
    public static bool IsPlausible(string id) =>
        id.Length is > 0 and <= MaxLength && !id.AsSpan().ContainsAnyExcept(IdChars);

    // The id itself is never part of the message: it is what could not be trusted.
    private static JsonException Implausible() =>
        new($"The answer holds an id that is not a Pinterest id (1 to {MaxLength} letters, digits, '_' or '-').");
}
