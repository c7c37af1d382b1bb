namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// A scheduled publish reached its create call after the dispatcher's lease (less a margin) had run out: another
/// instance may have claimed the Pin by now, so this one does not create it.
/// </summary>
internal sealed class ScheduleLeaseExpiredException(DateTimeOffset deadline)
    : PinterestException($"The schedule lease ran out (create deadline {deadline:O}) before the Pin was created; it was not created and will be tried again. Use a lease longer than the longest upload and processing.")
{
}
