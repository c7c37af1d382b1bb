namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// A publish request that is malformed in itself (no account id, no media, a null URL): every attempt would fail the
/// same way, so a scheduler rejects it at once. Thrown by every request validation; callers catch it as the
/// <see cref="ArgumentException"/> it is, and the failure classifier recognises it by type.
/// </summary>
internal sealed class InvalidPublishRequestException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="paramName">The request's member path (<c>request.Media.Url</c>), so the caller sees which field is wrong.</param>
    public InvalidPublishRequestException(string message, string paramName)
        : base(message, paramName)
    {
    }
}
