using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The schedule store over <c>pinterest_scheduled_pins</c>. Claims are one <c>UPDATE … RETURNING</c> statement
/// (<see cref="ClaimStatement"/>); a completion is one <c>UPDATE … WHERE id = @id AND lease_token = @lease</c>, so a
/// late completion by a claimer whose lease expired and was claimed again changes nothing. On SQLite every write runs
/// under the process's one writer (<see cref="SqliteProcessGate"/>).
/// </summary>
internal sealed class EfPinScheduleStore(PinterestDbContexts contexts) : IPinScheduleStore, IPinScheduler, IPinScheduleStoreHealth
{
    public async Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // One read over the partial index of pending rows by due time; no writer gate (a read on SQLite needs none).
        var ticks = UtcTicks.From(now);
        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var oldest = await context.Set<ScheduledPinRow>().AsNoTracking()
                .Where(r => r.Status == ScheduledPinRow.Pending && r.DueAt <= ticks && (r.LeaseExpiresAt == null || r.LeaseExpiresAt <= ticks))
                .MinAsync(r => (long?)r.DueAt, cancellationToken).ConfigureAwait(false);
            return oldest is { } due ? UtcTicks.To(due) : null;
        }
    }

    public async Task<ScheduledPin> ScheduleAsync(PublishPinRequest request, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Refuses what cannot be kept (a stream video source, oversized inline bytes) now, not when the Pin is due.
        var json = PublishPinRequestJson.Serialize(request);
        var row = new ScheduledPinRow { Request = json, DueAt = UtcTicks.From(dueAt), Status = ScheduledPinRow.Pending };
        await WriteAsync(async context =>
        {
            context.Set<ScheduledPinRow>().Add(row);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return new ScheduledPin { Id = FormatId(row.Id), Request = request, DueAt = dueAt };
    }

    public async Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        var checkedContext = await contexts.CheckAsync(cancellationToken).ConfigureAwait(false);
        var sql = ClaimStatement.Sql(checkedContext.Tables, checkedContext.Provider);
        var leaseToken = Guid.NewGuid().ToString("N");
        var leaseExpiresAt = now + lease;
        var rows = await WriteAsync(
            context => ClaimStatement.RunAsync(context, sql, now, maxCount, leaseToken, leaseExpiresAt, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        // RETURNING does not keep the subquery's order.
        var claimed = new List<ScheduledPin>(rows.Count);
        foreach (var row in rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id))
        {
            if (TryRead(row.Request) is not { } request)
            {
                // One unreadable row (written by a newer version, or damaged) must not stop the others: it can never be
                // published, so it ends now as rejected, and its claim is spent on that. If even that write fails, its
                // lease runs out and a later claim tries again; the readable rows are returned either way.
                try
                {
                    await CompleteRowAsync(row.Id, leaseToken, Unreadable(row.Id), cancellationToken).ConfigureAwait(false);
                }
                catch (DbException)
                {
                }

                continue;
            }

            claimed.Add(new ScheduledPin
            {
                Id = FormatId(row.Id),
                Request = request,
                DueAt = UtcTicks.To(row.DueAt),
                Attempt = row.Attempt,
                LeaseToken = leaseToken,
                LeaseExpiresAt = leaseExpiresAt,
            });
        }

        return claimed;
    }

    /// <exception cref="ArgumentException">The Pin was never scheduled in this store.</exception>
    public async Task CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentNullException.ThrowIfNull(outcome);
        cancellationToken.ThrowIfCancellationRequested();

        var id = ParseId(pin.Id);
        var changed = id is { } key && pin.LeaseToken is { } leaseToken
            ? await CompleteRowAsync(key, leaseToken, outcome, cancellationToken).ConfigureAwait(false)
            : 0;

        if (changed == 0 && !await ExistsAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw new ArgumentException($"The Pin '{pin.Id}' was not scheduled in this store.", nameof(pin));
        }
    }

    public async Task<PinPublishOutcome?> GetOutcomeAsync(string scheduledPinId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheduledPinId);
        if (ParseId(scheduledPinId) is not { } id)
        {
            return null;
        }

        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            var row = await context.Set<ScheduledPinRow>().AsNoTracking()
                .SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            return row is null ? null : OutcomeColumns.Read(row);
        }
    }

    private async Task<bool> ExistsAsync(long? id, CancellationToken cancellationToken)
    {
        if (id is not { } key)
        {
            return false;
        }

        var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (context.ConfigureAwait(false))
        {
            return await context.Set<ScheduledPinRow>().AnyAsync(r => r.Id == key, cancellationToken).ConfigureAwait(false);
        }
    }

    // Only the current claim of a pending row may complete it: an expired lease claimed again, or a row already final,
    // matches nothing. Returns the rows changed (0 or 1).
    private Task<int> CompleteRowAsync(long id, string leaseToken, PinPublishOutcome outcome, CancellationToken cancellationToken)
    {
        var columns = OutcomeColumns.From(outcome);
        return WriteAsync(context =>
        {
            var current = context.Set<ScheduledPinRow>()
                .Where(r => r.Id == id && r.LeaseToken == leaseToken && r.Status == ScheduledPinRow.Pending);
            return current.ExecuteUpdateAsync(s =>
            {
                if (outcome is PinPublishOutcome.RetryAt retry)
                {
                    // Pending again at the retry time; a wait that does not count gives the attempt back.
                    s.SetProperty(r => r.DueAt, UtcTicks.From(retry.At))
                        .SetProperty(r => r.Attempt, r => retry.CountsAsAttempt ? r.Attempt : (r.Attempt > 0 ? r.Attempt - 1 : 0));
                }
                else
                {
                    s.SetProperty(r => r.Status, ScheduledPinRow.Done);
                }

                s.SetProperty(r => r.LeaseToken, (string?)null)
                    .SetProperty(r => r.LeaseExpiresAt, (long?)null)
                    .SetProperty(r => r.OutcomeKind, columns.Kind)
                    .SetProperty(r => r.OutcomeReason, columns.Reason)
                    .SetProperty(r => r.OutcomePinId, columns.PinId)
                    .SetProperty(r => r.OutcomeCodes, columns.Codes)
                    .SetProperty(r => r.OutcomeAt, columns.At)
                    .SetProperty(r => r.OutcomeCountsAsAttempt, columns.CountsAsAttempt);
            }, cancellationToken);
        }, cancellationToken);
    }

    // The reason names the row and the cause's type only: the stored text is the host's data and may hold anything.
    private static PinPublishOutcome.Rejected Unreadable(long id) => new(
        $"The scheduled Pin {FormatId(id)}'s stored request could not be read (it was written by another version of "
        + "Pinterest.Publishing, or changed in the database), so it can never be published: schedule it again.",
        []);

    private static PublishPinRequest? TryRead(string json)
    {
        try
        {
            return PublishPinRequestJson.Deserialize(json);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    // On SQLite, one writer in the process at a time: SQLite allows one writer per file, and waiting here is cheaper
    // and fairer than its busy retries.
    private async Task<T> WriteAsync<T>(Func<DbContext, Task<T>> write, CancellationToken cancellationToken)
    {
        var gate = await contexts.GetSqliteGateAsync(cancellationToken).ConfigureAwait(false);
        if (gate is not null)
        {
            await gate.Writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var context = await contexts.CreateAsync(cancellationToken).ConfigureAwait(false);
            await using (context.ConfigureAwait(false))
            {
                return await write(context).ConfigureAwait(false);
            }
        }
        finally
        {
            gate?.Writer.Release();
        }
    }

    private static string FormatId(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
