
namespace Pinterest.Publishing.Preflight;

/// <summary>Every issue preflight found with a draft.</summary>
public sealed class PreflightResult
{
    /// <summary>A result with no issues.</summary>
    public static PreflightResult Empty { get; } = new([]);

    /// <summary>Creates a result from issues.</summary>
    public PreflightResult(IEnumerable<PreflightIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        Issues = issues.ToArray();
        Errors = Issues.Where(i => i.Severity == PreflightSeverity.Error).ToArray();
        Warnings = Issues.Where(i => i.Severity == PreflightSeverity.Warning).ToArray();
    }

    /// <summary><see langword="true"/> when no issue is an error.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Every issue, in the order found.</summary>
    public IReadOnlyList<PreflightIssue> Issues { get; }

    /// <summary>The issues that block publishing.</summary>
    public IReadOnlyList<PreflightIssue> Errors { get; }

    /// <summary>The issues that do not block publishing.</summary>
    public IReadOnlyList<PreflightIssue> Warnings { get; }

    /// <summary>A result that keeps only the warnings of this one.</summary>
    public PreflightResult WarningsOnly() => Errors.Count == 0 ? this : new PreflightResult(Warnings);
}
