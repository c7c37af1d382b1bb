namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>A Pin create in flight or ended ambiguously (table <c>pinterest_create_attempts</c>); resolved attempts are deleted.</summary>
internal sealed class CreateAttemptRow
{
    public string Id { get; set; } = "";

    public string DraftKey { get; set; } = "";

    public long StartedAt { get; set; }

    /// <summary><see langword="null"/> while in flight; set when the attempt ended ambiguously.</summary>
    public long? EndedAt { get; set; }
}
