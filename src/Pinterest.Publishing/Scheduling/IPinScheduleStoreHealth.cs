namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// An optional second interface of an <see cref="IPinScheduleStore"/>, read by the health check of
/// <c>AddHealthChecks().AddPinterestPublishing()</c>: how late the oldest due Pin is. A store without it is still
/// checked for the dispatcher's liveness, but its lag is not measured.
/// </summary>
/// <remarks>
/// Over a relational database, one cheap indexed query: <c>SELECT MIN(due_at) FROM pins WHERE state = 'pending' AND
/// due_at &lt;= @now AND (lease_expires_at IS NULL OR lease_expires_at &lt;= @now)</c>.
/// </remarks>
public interface IPinScheduleStoreHealth
{
    /// <summary>
    /// The due time of the earliest Pin due at <paramref name="now"/> that no dispatcher holds (not leased, or its lease
    /// expired); <see langword="null"/> when none waits.
    /// </summary>
    /// <param name="now">The current time, from the host's <see cref="TimeProvider"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
