
namespace Pinterest.Publishing;

/// <summary>
/// The publish reached its create call at or after <see cref="PublishPinRequest.CreateDeadline"/>, so the call was not
/// sent: nothing was created. Publish again (with a later deadline); the draft is fine.
/// </summary>
/// <remarks>
/// A host running its own job system sets the deadline to the end of its claim on the job, less a margin, so that a
/// publish that ran long never creates a Pin another worker may already be publishing.
/// </remarks>
public sealed class PinterestCreateDeadlineExceededException : PinterestException
{
    /// <summary>Creates the exception.</summary>
    public PinterestCreateDeadlineExceededException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestCreateDeadlineExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestCreateDeadlineExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a deadline that passed before the create call.</summary>
    /// <param name="deadline">The request's <see cref="PublishPinRequest.CreateDeadline"/>.</param>
    public PinterestCreateDeadlineExceededException(DateTimeOffset deadline)
        : base($"PublishPinRequest.CreateDeadline ({deadline:O}) passed before the create call was sent: nothing was created; publish again. For scheduled Pins it is the lease end less a margin: use a lease (PinSchedulingOptions.Lease) longer than the longest download, upload and processing.")
    {
        Deadline = deadline;
    }

    /// <summary>The deadline that passed.</summary>
    public DateTimeOffset Deadline { get; }
}
