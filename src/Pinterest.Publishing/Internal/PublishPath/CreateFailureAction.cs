namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>What the duplicate-safe create loop does after a failed create (<see cref="DuplicateSafePinCreator.DecideAfterFailure"/>).</summary>
internal enum CreateFailureAction
{
    /// <summary>The failure may have created the Pin: search the board for it, never retry blindly.</summary>
    Reconcile,

    /// <summary>The create surely was not processed: retry it after a backoff, while retries and the wait allow.</summary>
    Retry,

    /// <summary>Pinterest refused it, or the caller cancelled before it was sent: throw the failure as it is.</summary>
    Surface,

    /// <summary>The caller cancelled once it may have been sent: throw an unknown outcome instead of a cancellation.</summary>
    ReportUnknown,
}
