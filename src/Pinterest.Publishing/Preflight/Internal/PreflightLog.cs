using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Log events of the Preflight layer (event ids 3000–3999). URLs are logged as scheme, host and path only: a query may
/// hold a signature.
/// </summary>
internal static partial class PreflightLog
{
    /// <summary>The logger category of the layer, on the dependency-injection and the non-DI path alike.</summary>
    public const string CategoryName = PinterestLogCategories.Preflight;

    [LoggerMessage(EventId = 3001, EventName = "PreflightProbeStarted", Level = LogLevel.Debug,
        Message = "Preflight probe ({Kind}) of {Url} started.")]
    public static partial void ProbeStarted(ILogger logger, ProbeKind kind, string url);

    [LoggerMessage(EventId = 3002, EventName = "PreflightProbeCompleted", Level = LogLevel.Debug,
        Message = "Preflight probe of {Url} answered {StatusCode} after reading {BytesRead} bytes.")]
    public static partial void ProbeCompleted(ILogger logger, string url, int statusCode, long bytesRead);

    [LoggerMessage(EventId = 3003, EventName = "PreflightProbeFailed", Level = LogLevel.Information,
        Message = "Preflight probe of {Url} failed: {Outcome} ({Reason}).")]
    public static partial void ProbeFailed(ILogger logger, string url, ProbeOutcome outcome, string reason);

    [LoggerMessage(EventId = 3004, EventName = "PreflightPrivateNetworkRefused", Level = LogLevel.Warning,
        Message = "Preflight refused to probe {Url}: it resolves to a private or reserved address.")]
    public static partial void PrivateNetworkRefused(ILogger logger, string url);

    [LoggerMessage(EventId = 3005, EventName = "PreflightCompleted", Level = LogLevel.Debug,
        Message = "Preflight found {ErrorCount} errors and {WarningCount} warnings.")]
    public static partial void Completed(ILogger logger, int errorCount, int warningCount);
}
