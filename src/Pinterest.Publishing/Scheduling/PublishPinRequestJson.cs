using System.Text.Json;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// The durable JSON form of a <see cref="PublishPinRequest"/>, for stores that keep scheduled Pins: source-generated
/// (trim- and AOT-safe), with a type discriminator for the media and the video source.
/// </summary>
/// <remarks>
/// <para>
/// Every member of the request is kept. The media is one of <c>image_url</c>, <c>image_inline</c> (the bytes as
/// base64), <c>carousel</c> (each item's URL, title, description and link) or <c>video</c>, whose source is one of
/// <c>file</c> (the path, read when the Pin is published), <c>url</c> or <c>uploaded_media</c>, with an optional cover
/// (<c>url</c> or <c>key_frame</c>).
/// </para>
/// <para>
/// What cannot be kept is refused by <see cref="Serialize"/>, at scheduling time: a video from a stream (the stream
/// belongs to the process that scheduled it) and inline image bytes over <see cref="MaxInlineImageBytes"/>.
/// </para>
/// <para>
/// URLs are kept exactly, query string included (a signed URL must still work when the Pin is due): the JSON is data
/// for the host's database, not for logs. <see cref="PublishPinRequest"/>'s <c>ToString</c> stays redacted.
/// </para>
/// <para>
/// Each document carries a version (<c>"v": 1</c>). A later version of the library reads every earlier version; a row
/// of an unknown version or an unknown media, source or cover kind is a <see cref="JsonException"/> naming it, never
/// a different Pin.
/// </para>
/// </remarks>
public static class PublishPinRequestJson
{
    /// <summary>
    /// The largest inline image, in bytes, that a scheduled Pin keeps: 1 MiB. A larger one is refused by
    /// <see cref="Serialize"/>: host the image and use <see cref="PinMedia.Image(Uri)"/>.
    /// </summary>
    /// <remarks>
    /// Base64 makes it about 1.4 MB of text in the store's row, read on every claim of the Pin and held in memory with
    /// every other due Pin. Larger images are far better served from a URL, which Pinterest downloads itself; 1 MiB
    /// still fits a typical 1000×1500 JPEG.
    /// </remarks>
    public const int MaxInlineImageBytes = 1024 * 1024;

    // The version written; a change that older readers would misread raises it (and keeps a reader for the old one).
    internal const int CurrentVersion = 1;

    /// <summary>Writes a request as JSON.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException">The request cannot be kept (a stream video source, or inline image bytes over the limit); the message names the member and the fix.</exception>
    public static string Serialize(PublishPinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.Serialize(PublishPinRequestWriter.Write(request), PublishPinRequestJsonContext.Default.PublishPinRequestDocument);
    }

    /// <summary>Reads a request written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The request.</returns>
    /// <exception cref="System.Text.Json.JsonException">The text is not a request written by <see cref="Serialize"/>.</exception>
    public static PublishPinRequest Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PublishPinRequestReader.Read(JsonSerializer.Deserialize(json, PublishPinRequestJsonContext.Default.PublishPinRequestDocument));
    }
}
