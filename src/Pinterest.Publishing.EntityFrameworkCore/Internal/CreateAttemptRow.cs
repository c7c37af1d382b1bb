namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>A Pin create in flight or ended ambiguously (table <c>pinterest_create_attempts</c>); resolved attempts are deleted.</summary>
internal sealed class CreateAttemptRow
{
    public string Id { get; set; } = "";

    /// <summary>The publish's operation id: resolving one attempt resolves all of its operation's.</summary>
    public string OperationId { get; set; } = "";

    public string DraftKey { get; set; } = "";

    public long StartedAt { get; set; }

    /// <summary>The latest time the create can be in flight: an attempt not ended by then counts as ended ambiguously then.</summary>
    public long InFlightUntil { get; set; }

    /// <summary><see langword="null"/> while in flight; set when the attempt ended ambiguously.</summary>
    public long? EndedAt { get; set; }
}
