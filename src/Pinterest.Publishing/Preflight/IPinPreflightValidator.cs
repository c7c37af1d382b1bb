
namespace Pinterest.Publishing.Preflight;

/// <summary>Finds every problem with a draft Pin before anything is published.</summary>
public interface IPinPreflightValidator
{
    /// <summary>Checks text, board, media and every URL of the draft; returns all issues at once.</summary>
    /// <remarks>
    /// A video is read without consuming it: a file or seekable stream (its position is restored), a URL by ranged GETs.
    /// A non-seekable stream cannot be read without taking bytes the upload needs, so only its declared content type is
    /// checked here; <see cref="IPinPublisher"/> spools it and checks the copy with the same rules before registering
    /// the upload, as it does a URL whose <c>moov</c> could not be reached (<see cref="PreflightCodes.VideoDurationUnknown"/>).
    /// </remarks>
    /// <exception cref="ArgumentException">The request itself is malformed (null members); content problems are issues, not exceptions.</exception>
    Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default);
}
