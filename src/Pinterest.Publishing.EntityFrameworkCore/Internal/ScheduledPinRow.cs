namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>One scheduled Pin (table <c>pinterest_scheduled_pins</c>), with its lease and its last outcome.</summary>
internal sealed class ScheduledPinRow
{
    public const string Pending = "pending";

    public const string Done = "done";

    public long Id { get; set; }

    /// <summary>The request as <see cref="Scheduling.PublishPinRequestJson"/> wrote it.</summary>
    public string Request { get; set; } = "";

    public long DueAt { get; set; }

    public int Attempt { get; set; }

    public string? LeaseToken { get; set; }

    public long? LeaseExpiresAt { get; set; }

    public string Status { get; set; } = Pending;

    public int? OutcomeKind { get; set; }

    public string? OutcomeReason { get; set; }

    /// <summary>Published: the Pin id.</summary>
    public string? OutcomePinId { get; set; }

    /// <summary>Rejected codes or missing scopes, one a line.</summary>
    public string? OutcomeCodes { get; set; }

    /// <summary>RetryAt: when; Unknown: when the attempt started.</summary>
    public long? OutcomeAt { get; set; }

    /// <summary>RetryAt: whether the attempt counted.</summary>
    public bool? OutcomeCountsAsAttempt { get; set; }
}
