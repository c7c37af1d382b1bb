using System.Buffers;
using System.Text.Json;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>Writes response bodies with <see cref="Utf8JsonWriter"/> and reads request fields from <see cref="JsonElement"/>:
/// no reflection, so the package stays trim and AOT safe.</summary>
internal static class EmulatorJson
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(int code, string message, string? messageDetail = null) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        if (messageDetail is not null)
        {
            w.WriteString("message_detail", messageDetail);
        }

        w.WriteEndObject();
    });

    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// A timestamp as Pinterest writes one: UTC to the second, without an offset (<c>"2022-10-13T01:40:29"</c>, a real
    /// answer in pinterest/api-quickstart issue #78), although the spec's <c>format: date-time</c> suggests one. A client
    /// that reads it in the machine's local zone gets it wrong, and only this shape shows that.
    /// </summary>
    public static void WriteTimestamp(this Utf8JsonWriter writer, string name, DateTimeOffset value) =>
        writer.WriteString(name, value.UtcDateTime.ToString(TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The format of <see cref="WriteTimestamp"/>.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static JsonDocument ParseObject(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw PinterestApiError.Invalid("The request body is not valid JSON.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw PinterestApiError.Invalid("The request body must be a JSON object.");
        }

        return document;
    }

    /// <summary>A string property; absent or null gives <see langword="null"/>, any other type is a 400 naming the field.</summary>
    public static string? GetString(JsonElement element, string name, string? path = null)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{path ?? name}' must be a string.");
        }

        return value.GetString();
    }

    public static JsonElement? GetObject(JsonElement element, string name, string? path = null)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{path ?? name}' must be an object.");
        }

        return value;
    }
}
