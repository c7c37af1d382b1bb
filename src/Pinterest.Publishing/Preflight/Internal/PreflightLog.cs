using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>Preflight's log messages. URLs are logged as scheme, host and path only: a query may hold a signature.</summary>
internal static partial class PreflightLog
{
    [LoggerMessage(EventId = 4101, EventName = "PreflightProbeStarted", Level = LogLevel.Debug,
        Message = "Preflight probe ({Kind}) of {Url} started.")]
    public static partial void ProbeStarted(ILogger logger, ProbeKind kind, string url);

    [LoggerMessage(EventId = 4102, EventName = "PreflightProbeCompleted", Level = LogLevel.Debug,
        Message = "Preflight probe of {Url} answered {StatusCode} after reading {BytesRead} bytes.")]
    public static partial void ProbeCompleted(ILogger logger, string url, int statusCode, long bytesRead);

    [LoggerMessage(EventId = 4103, EventName = "PreflightProbeFailed", Level = LogLevel.Information,
        Message = "Preflight probe of {Url} failed: {Outcome} ({Reason}).")]
    public static partial void ProbeFailed(ILogger logger, string url, ProbeOutcome outcome, string reason);

    [LoggerMessage(EventId = 4104, EventName = "PreflightPrivateNetworkRefused", Level = LogLevel.Warning,
        Message = "Preflight refused to probe {Url}: it resolves to a private or reserved address.")]
    public static partial void PrivateNetworkRefused(ILogger logger, string url);

    [LoggerMessage(EventId = 4105, EventName = "PreflightCompleted", Level = LogLevel.Debug,
        Message = "Preflight found {ErrorCount} errors and {WarningCount} warnings.")]
    public static partial void Completed(ILogger logger, int errorCount, int warningCount);
}
