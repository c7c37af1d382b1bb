using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Counts a preflight result's issues in <c>pinterest.preflight.issues</c>. It lives here, with the publish path that
/// records them, because the telemetry sits in the bottom layer and must not know Preflight's types.
/// </summary>
internal static class PreflightTelemetry
{
    /// <summary>Records every issue of <paramref name="result"/>, tagged by code and severity.</summary>
    public static void RecordPreflightIssues(this PinterestTelemetry telemetry, PreflightResult result)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var issue in result.Issues)
        {
            telemetry.RecordPreflightIssue(issue.Code, SeverityTag(issue.Severity));
        }
    }

    private static string SeverityTag(PreflightSeverity severity) => severity switch
    {
        PreflightSeverity.Error => "error",
        PreflightSeverity.Warning => "warning",
        _ => "unknown",
    };
}
