namespace Pinterest.Publishing.Internal.Failures;

/// <summary>
/// A scheduled publish ran out of lease before the Pin was created: it reached its create call after the dispatcher's
/// lease (less a margin) had run out, or it was still running (a download, upload or processing wait) when the lease
/// ended and was cancelled. Another instance may have claimed the Pin by now, so this one does not create it.
/// It lives with the failure model because both the publish path (which throws it) and the scheduler (which retries
/// it at once) must know it.
/// </summary>
internal sealed class ScheduleLeaseExpiredException : PinterestException
{
    /// <summary>The create call was not sent: the create deadline had passed.</summary>
    public ScheduleLeaseExpiredException(DateTimeOffset deadline)
        : base($"The schedule lease ran out (create deadline {deadline:O}) before the Pin was created; it was not created and will be tried again. Use a lease longer than the longest upload and processing.")
    {
    }

    /// <summary>The publish was cancelled when its lease ended, before its create call.</summary>
    public ScheduleLeaseExpiredException(DateTimeOffset leaseEnd, Exception innerException)
        : base($"The publish was still running when its schedule lease ended ({leaseEnd:O}) and was cancelled before the Pin was created; it will be tried again. Use a lease (PinSchedulingOptions.Lease) longer than the longest download, upload and processing.", innerException)
    {
    }
}
