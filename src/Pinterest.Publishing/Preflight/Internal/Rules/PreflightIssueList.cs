namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>The issues one rule found, in the order found.</summary>
internal sealed class PreflightIssueList
{
    private readonly List<PreflightIssue> _issues = [];

    /// <summary>The issues reported so far.</summary>
    public IReadOnlyList<PreflightIssue> Items => _issues;

    /// <summary>Reports an issue that blocks publishing.</summary>
    public void Error(string code, string? target, string message) => Add(code, PreflightSeverity.Error, target, message);

    /// <summary>Reports an issue that does not block publishing.</summary>
    public void Warning(string code, string? target, string message) => Add(code, PreflightSeverity.Warning, target, message);

    private void Add(string code, PreflightSeverity severity, string? target, string message) =>
        _issues.Add(new PreflightIssue { Code = code, Severity = severity, Target = target, Message = message });
}
