namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Compares what a convention checker found with the violations a test knowingly leaves for later. The pending list
/// can only shrink: a violation not on it fails, and so does an entry that is no longer violated (remove it).
/// </summary>
internal static class PendingViolations
{
    /// <summary>The problems: every unlisted violation, then every listed one that is gone.</summary>
    public static IReadOnlyList<string> Compare(IEnumerable<string> found, IEnumerable<string> pending)
    {
        var foundSet = found.ToHashSet(StringComparer.Ordinal);
        var pendingSet = pending.ToHashSet(StringComparer.Ordinal);
        return
        [
            .. foundSet.Where(v => !pendingSet.Contains(v)).Order(StringComparer.Ordinal).Select(v => "violation: " + v),
            .. pendingSet.Where(p => !foundSet.Contains(p)).Order(StringComparer.Ordinal)
                .Select(p => "no longer violated, remove it from the pending list: " + p),
        ];
    }

    /// <summary>Fails with every problem of <see cref="Compare"/>, one a line.</summary>
    public static void AssertOnly(IEnumerable<string> found, IEnumerable<string> pending)
    {
        var problems = Compare(found, pending);
        Assert.True(problems.Count == 0, $"{problems.Count} convention problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }
}
