
namespace Pinterest.Publishing.Preflight;

/// <summary>One problem preflight found with a draft.</summary>
public sealed record PreflightIssue
{
    /// <summary>The stable rule code, one of <see cref="PreflightCodes"/>.</summary>
    public required string Code { get; init; }

    /// <summary>Whether the issue blocks publishing.</summary>
    public required PreflightSeverity Severity { get; init; }

    /// <summary>What is wrong and how to fix it.</summary>
    public required string Message { get; init; }

    /// <summary>What the issue is about: <c>title</c>, <c>link</c>, <c>board_id</c>, <c>media</c>, <c>media[2]</c>, <c>cover</c>…</summary>
    public string? Target { get; init; }

    /// <inheritdoc />
    public override string ToString() => Target is null ? $"{Code}: {Message}" : $"{Code} ({Target}): {Message}";
}
