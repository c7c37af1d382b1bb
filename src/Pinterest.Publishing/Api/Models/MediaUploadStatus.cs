using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// The processing status of an uploaded video. An extensible enum: a value Pinterest adds later is kept as is and
/// never throws.
/// </summary>
[JsonConverter(typeof(StatusJsonConverter))]
public readonly struct MediaUploadStatus : IEquatable<MediaUploadStatus>
{
    /// <summary>Registered, not uploaded yet.</summary>
    public static MediaUploadStatus Registered { get; } = new("registered");

    /// <summary>Uploaded and being processed.</summary>
    public static MediaUploadStatus Processing { get; } = new("processing");

    /// <summary>Ready to be used in a Pin.</summary>
    public static MediaUploadStatus Succeeded { get; } = new("succeeded");

    /// <summary>Processing failed; the video cannot be used.</summary>
    public static MediaUploadStatus Failed { get; } = new("failed");

    private readonly string? _value;

    /// <summary>Creates a status from Pinterest's string.</summary>
    public MediaUploadStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The string Pinterest sent.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two statuses.</summary>
    public static bool operator ==(MediaUploadStatus left, MediaUploadStatus right) => left.Equals(right);

    /// <summary>Compares two statuses.</summary>
    public static bool operator !=(MediaUploadStatus left, MediaUploadStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(MediaUploadStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MediaUploadStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    // Reads any status string Pinterest sends (an unknown one is kept as is), writes the raw value.
    internal sealed class StatusJsonConverter : JsonConverter<MediaUploadStatus>
    {
        public override MediaUploadStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? new MediaUploadStatus(reader.GetString()!) : default;

        public override void Write(Utf8JsonWriter writer, MediaUploadStatus value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
