using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing;

/// <summary>
/// Publishes Pins: preflight, then video upload when needed, then the create call, without ever creating a duplicate.
/// </summary>
public interface IPinPublisher
{
    /// <summary>Runs preflight only: every problem with the draft, nothing sent to Pinterest.</summary>
    Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default);

    /// <summary>Validates and publishes the Pin.</summary>
    /// <exception cref="PinPreflightException">
    /// Preflight found an error; nothing was sent to Pinterest. A video from a URL or a non-seekable stream is checked
    /// again once downloaded or spooled, before its upload is registered, with the same rules.
    /// </exception>
    /// <exception cref="PinterestApiException">Pinterest rejected the request.</exception>
    /// <exception cref="PinterestReauthorizationRequiredException">The account has no usable token.</exception>
    /// <exception cref="PinterestMediaProcessingException">Pinterest could not process the video in time.</exception>
    /// <exception cref="PinterestPublishOutcomeUnknownException">The create call may or may not have succeeded.</exception>
    /// <exception cref="PinterestCreateDeadlineExceededException">
    /// <see cref="PublishPinRequest.CreateDeadline"/> passed before the create call; nothing was created.
    /// </exception>
    Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default);
}
