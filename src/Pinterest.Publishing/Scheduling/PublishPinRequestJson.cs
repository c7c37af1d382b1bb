namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// The durable JSON form of a <see cref="PublishPinRequest"/>, for stores that keep scheduled Pins: source-generated
/// (trim- and AOT-safe), with a type discriminator for the media and the video source.
/// </summary>
public static class PublishPinRequestJson
{
    /// <summary>Writes a request as JSON.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentException">The request cannot be kept (a stream video source, or inline image bytes over the limit); the message names the member and the fix.</exception>
    public static string Serialize(PublishPinRequest request) => throw new NotImplementedException("Issue 14 item 2: being built.");

    /// <summary>Reads a request written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The request.</returns>
    /// <exception cref="System.Text.Json.JsonException">The text is not a request written by <see cref="Serialize"/>.</exception>
    public static PublishPinRequest Deserialize(string json) => throw new NotImplementedException("Issue 14 item 2: being built.");
}
