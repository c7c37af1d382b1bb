namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// A scheduled publish was still running (a download, upload or processing wait) when its lease ended, and was
/// cancelled before its create call. Another instance may have claimed the Pin by now, so this one does not create it.
/// (A publish that reaches its create call past the lease, less a margin, throws the public
/// <see cref="PinterestCreateDeadlineExceededException"/> instead: the dispatcher sets
/// <see cref="PublishPinRequest.CreateDeadline"/>.) It lives with the failure model, which classifies both alike.
/// </summary>
internal sealed class ScheduleLeaseExpiredException : PinterestException
{
    /// <summary>The publish was cancelled when its lease ended, before its create call.</summary>
    public ScheduleLeaseExpiredException(DateTimeOffset leaseEnd, Exception innerException)
        : base($"The publish was still running when its schedule lease ended ({leaseEnd:O}) and was cancelled before the Pin was created; it will be tried again. Use a lease (PinSchedulingOptions.Lease) longer than the longest download, upload and processing.", innerException)
    {
    }
}
