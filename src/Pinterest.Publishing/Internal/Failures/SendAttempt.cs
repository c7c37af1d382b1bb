namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// Whether one call (a Pin's create) may have reached Pinterest unrefused: the typed "not sent" signal from the API
/// transport to the failure classifier. The caller creates one per call and passes it down; the transport marks it just
/// before it hands the request to <see cref="HttpClient"/>, and clears it when Pinterest answers 401 (the request was not
/// processed) before the token is refreshed and the request replayed. A failure while it is clear (getting or
/// refreshing the token, say) is <see cref="FailureKind.NotSent"/>: retrying it cannot duplicate the Pin.
/// </summary>
internal sealed class SendAttempt
{
    /// <summary>
    /// <see langword="true"/> from the moment the request is handed to <see cref="HttpClient"/> until Pinterest answers
    /// that it did not process it.
    /// </summary>
    public bool MayHaveBeenSent { get; private set; }

    /// <summary>The request is about to be handed to <see cref="HttpClient"/>.</summary>
    public void MarkSending() => MayHaveBeenSent = true;

    /// <summary>Pinterest answered that it did not process the request (a 401): until it is sent again, it was not.</summary>
    public void MarkNotProcessed() => MayHaveBeenSent = false;
}
