using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The schedule store over <c>pinterest_scheduled_pins</c>. Claims are one <c>UPDATE … RETURNING</c> statement
/// (<see cref="ClaimStatement"/>); a completion is one <c>UPDATE … WHERE id = @id AND lease_token = @lease</c>, so a
/// late completion by a claimer whose lease expired and was claimed again changes nothing. On SQLite every write runs
/// under the process's one writer (<see cref="SqliteProcessGate"/>). A claimed row whose request cannot be read is given
/// back, never lost (see <see cref="UnreadableDelay"/>).
/// </summary>
internal sealed class EfPinScheduleStore(PinterestDbContexts contexts, ILoggerFactory? loggerFactory = null)
    : IPinScheduleStore, IPinScheduler, IPinScheduleStoreHealth
{
    /// <summary>
    /// How long a claimed row whose request this version cannot read waits before it is due again. The row is written
    /// by a newer version (during a rolling upgrade, a newer instance can publish it) or was changed in the database;
    /// the wait keeps an older instance from claiming it in every round.
    /// </summary>
    internal static readonly TimeSpan UnreadableDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most claim statements one claim runs: the first, and refills for the places unreadable rows took. A backlog of
    /// unreadable rows (a rolling upgrade) would otherwise be worked through in one call, one write and one error per row,
    /// while the claimer waits (and, on SQLite, every writer of the process with it); bounded, the rest is given back by
    /// later claims, and the dispatcher at worst idles one poll interval.
    /// </summary>
    internal const int MaxClaimRounds = 3;

    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(SchedulingLog.CategoryName);

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
        var claimed = new List<ScheduledPin>(maxCount);
        for (var round = 1; round <= MaxClaimRounds && claimed.Count < maxCount; round++)
        {
            var asked = maxCount - claimed.Count;
            List<ClaimStatement.ClaimedRow> rows;
            try
            {
                rows = await WriteAsync(
                    context => ClaimStatement.RunAsync(context, sql, now, asked, leaseToken, leaseExpiresAt, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (round > 1 && claimed.Count > 0)
            {
                // The rows of the earlier rounds are leased to this claim already (an attempt counted): thrown away, they
                // would wait out the whole lease unpublished. A database blip or the host stopping ends only the refill.
                SchedulingLog.ClaimRefillFailed(_logger, round, ex.GetType().Name, claimed.Count, ex);
                break;
            }

            // RETURNING does not keep the subquery's order.
            var skipped = 0;
            foreach (var row in rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id))
            {
                if (TryRead(row.Request, out var failure) is not { } request)
                {
                    skipped++;
                    await GiveBackUnreadableAsync(row.Id, leaseToken, now + UnreadableDelay, failure).ConfigureAwait(false);
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

            // Fewer rows than asked: nothing more is due. Otherwise claim again for the places the unreadable rows took,
            // so that the dispatcher (which idles for a poll interval when it gets fewer than it asked for) does not
            // idle while Pins are due. A given-back row is due later and one still leased is not claimable, so every
            // round takes new rows and the loop ends; MaxClaimRounds bounds it.
            if (skipped == 0 || rows.Count < asked)
            {
                break;
            }
        }

        return claimed;
    }

    /// <exception cref="ArgumentException">The Pin was never scheduled in this store.</exception>
    public async Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
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

        return changed > 0;
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

    // An unreadable row is never ended here: in a rolling upgrade an older instance claims a row a newer one wrote
    // (a new media kind, say), and a newer instance can publish it. It is given back as it was before the claim (lease
    // cleared, attempt restored), due again after UnreadableDelay so that it is not claimed in every round. Not the
    // caller's token, and any failure caught: the readable rows of the claim are returned whatever happens here (a row
    // not given back stays leased until its lease runs out, then is claimed again).
    private async Task GiveBackUnreadableAsync(long id, string leaseToken, DateTimeOffset dueAgain, string failure)
    {
        // The log names the row and the cause's type only: the stored text is the host's data and may hold anything.
        SchedulingLog.RequestUnreadable(_logger, FormatId(id), failure, dueAgain);
        var due = UtcTicks.From(dueAgain);
        try
        {
            await WriteAsync(context => context.Set<ScheduledPinRow>()
                .Where(r => r.Id == id && r.LeaseToken == leaseToken && r.Status == ScheduledPinRow.Pending)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.LeaseToken, (string?)null)
                        .SetProperty(r => r.LeaseExpiresAt, (long?)null)
                        .SetProperty(r => r.Attempt, r => r.Attempt > 0 ? r.Attempt - 1 : 0)
                        .SetProperty(r => r.DueAt, due),
                    CancellationToken.None),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            SchedulingLog.UnreadableNotGivenBack(_logger, FormatId(id), ex);
        }
    }

    private static PublishPinRequest? TryRead(string json, out string failure)
    {
        try
        {
            failure = "";
            return PublishPinRequestJson.Deserialize(json);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            failure = exception.GetType().Name;
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
