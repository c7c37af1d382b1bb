
namespace Pinterest.Publishing.Scheduling;

/// <summary>
/// Where the host keeps scheduled Pins (usually its database). The library's dispatcher claims due Pins with a lease,
/// publishes them and completes each with a <see cref="PinPublishOutcome"/>; leases make several app instances over one
/// store safe: a Pin is given to one dispatcher at a time.
/// </summary>
/// <remarks>
/// <para>Implementing it over a relational database, with one row per scheduled Pin
/// (<c>id, request, due_at, attempt, lease_token, lease_expires_at, state, outcome</c>):</para>
/// <list type="bullet">
/// <item><description><see cref="ClaimDueAsync"/> claims atomically, in one statement, so two instances can never take the
/// same row: <c>UPDATE pins SET lease_token = @newToken, lease_expires_at = @now + @lease, attempt = attempt + 1
/// WHERE id IN (SELECT id FROM pins WHERE state = 'pending' AND due_at &lt;= @now AND (lease_expires_at IS NULL OR
/// lease_expires_at &lt;= @now) ORDER BY due_at LIMIT @maxCount FOR UPDATE SKIP LOCKED) RETURNING *</c> (PostgreSQL;
/// SQL Server: <c>UPDATE TOP (@maxCount) ... WITH (UPDLOCK, READPAST) ... OUTPUT inserted.*</c>). Use a new lease
/// token per claim (a GUID) and return it in <see cref="ScheduledPin.LeaseToken"/>.</description></item>
/// <item><description><see cref="CompleteAsync"/> applies the outcome only while the claim is still the current one:
/// <c>UPDATE pins SET ... WHERE id = @id AND lease_token = @leaseToken</c>, and returns whether a row changed. When no row
/// changes, the lease expired and another instance claimed the Pin again (or the Pin is final already): the completion
/// is stale; leave the row alone and return <see langword="false"/> (the dispatcher logs an error naming the scheduled
/// Pin and any Pin it created, and raises no outcome event). An expired lease that nobody claimed again still matches,
/// so a slow dispatcher's result is kept.</description></item>
/// <item><description>A <see cref="PinPublishOutcome.RetryAt"/> outcome puts the row back to pending with
/// <c>due_at = @retryAt</c> and the lease cleared, and, when its <see cref="PinPublishOutcome.RetryAt.CountsAsAttempt"/>
/// is <see langword="false"/> (the publish only waited for a rate limit), <c>attempt = attempt - 1</c>, so that rate
/// limits never use up <see cref="PinSchedulingOptions.MaxAttempts"/>; every other outcome is final: mark the row done
/// and keep the outcome for the user (published Pin id, rejection codes, an unknown outcome to check, an account to
/// reconnect).</description></item>
/// <item><description>A claimed row whose stored request cannot be read (written by a newer version during a rolling
/// upgrade, or changed in the database) is not an outcome: give it back (lease cleared, attempt restored, due a little
/// later), log an error naming it, and claim again for its place; a newer instance publishes it.</description></item>
/// <item><description>Choose a lease longer than a publish can take (video processing can take minutes): a lease that
/// expires while a publish is still running lets another instance publish the same Pin.</description></item>
/// </list>
/// <para>Use the <c>now</c> the dispatcher passes rather than the database clock, so that leases follow the same clock
/// as the dispatcher (and tests on a fake clock work).</para>
/// </remarks>
public interface IPinScheduleStore
{
    /// <summary>
    /// Claims up to <paramref name="maxCount"/> Pins due at <paramref name="now"/> that are not leased (or whose lease has
    /// expired), leasing them until <paramref name="now"/> + <paramref name="lease"/> and counting one more attempt.
    /// </summary>
    /// <param name="now">The dispatcher's current time.</param>
    /// <param name="maxCount">The most Pins to claim; at least 1.</param>
    /// <param name="lease">How long the claim keeps other dispatchers away from the Pins.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed Pins, earliest due first, each with its new lease; empty when nothing is due.</returns>
    Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the outcome of a claimed Pin: <see cref="PinPublishOutcome.RetryAt"/> schedules it again (giving the
    /// claim back, one attempt less, when its <see cref="PinPublishOutcome.RetryAt.CountsAsAttempt"/> is
    /// <see langword="false"/>), every other outcome is final. A completion whose lease is no longer the Pin's current one (it expired and the Pin was claimed
    /// again) changes nothing.
    /// </summary>
    /// <param name="pin">The Pin as <see cref="ClaimDueAsync"/> returned it (with its lease token).</param>
    /// <param name="outcome">What happened.</param>
    /// <param name="cancellationToken">Cancels the completion.</param>
    /// <returns>
    /// <see langword="true"/> when the outcome was recorded; <see langword="false"/> when the claim was no longer the
    /// Pin's current one (the lease expired and the Pin was claimed again, or the Pin was never claimed or is final
    /// already), so nothing changed.
    /// </returns>
    Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default);
}
