using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Log events of the API layer. Only the method and the path are logged: never a query string, header or body, so no
/// token, secret or signed value can reach a log.
/// </summary>
internal static partial class ApiLog
{
    /// <summary>The logger category of the API layer.</summary>
    public const string CategoryName = PinterestLogCategories.Api;

    [LoggerMessage(EventId = 1000, EventName = "PinterestRequestSucceeded", Level = LogLevel.Debug,
        Message = "Pinterest {Method} {Path} answered {StatusCode} in {ElapsedMilliseconds} ms (request id {RequestId})")]
    public static partial void RequestSucceeded(ILogger logger, string method, string path, int statusCode, long elapsedMilliseconds, string? requestId);

    [LoggerMessage(EventId = 1001, EventName = "PinterestRequestFailed", Level = LogLevel.Warning,
        Message = "Pinterest {Method} {Path} answered {StatusCode} with code {ErrorCode} in {ElapsedMilliseconds} ms (request id {RequestId})")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int statusCode, int? errorCode, long elapsedMilliseconds, string? requestId);

    [LoggerMessage(EventId = 1002, EventName = "PinterestRequestError", Level = LogLevel.Warning,
        Message = "Pinterest {Method} {Path} could not be sent ({HttpRequestError})")]
    public static partial void RequestError(ILogger logger, string method, string path, HttpRequestError httpRequestError, Exception exception);

    [LoggerMessage(EventId = 1003, EventName = "PinterestRequestRetrying", Level = LogLevel.Warning,
        Message = "Retrying Pinterest {Method} {Path} (retry {Retry}) in {Delay} after {Reason}")]
    public static partial void Retrying(ILogger logger, string method, string path, int retry, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1004, EventName = "PinterestUnauthorizedRefreshing", Level = LogLevel.Information,
        Message = "Pinterest {Method} {Path} answered 401; refreshing the access token of account {AccountId} and replaying once")]
    public static partial void UnauthorizedRefreshing(ILogger logger, string method, string path, string? accountId);

    [LoggerMessage(EventId = 1005, EventName = "PinterestReauthorizationRequired", Level = LogLevel.Warning,
        Message = "Pinterest {Method} {Path} answered 401 and the access token of account {AccountId} could not be renewed: the account must be re-authorised")]
    public static partial void ReauthorizationRequired(ILogger logger, string method, string path, string? accountId);

    public static string Describe(HttpStatusCode statusCode) => $"HTTP {(int)statusCode}";
}
