using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// The ASP.NET Core package's log events (ids 11000–11999; 10000–10999 are the core's Events). They name the host's account id and the reason, never a
/// token, code, client secret or state.
/// </summary>
internal static partial class ConnectLog
{
    /// <summary>The logger category.</summary>
    public const string CategoryName = "Pinterest.Publishing.AspNetCore";

    [LoggerMessage(EventId = 11000, EventName = "PinterestConnectStarted", Level = LogLevel.Information, Message = "Connecting a Pinterest account for account {AccountId}: redirecting to Pinterest's authorize page.")]
    public static partial void ConnectStarted(ILogger logger, string accountId);

    [LoggerMessage(EventId = 11001, EventName = "PinterestConnected", Level = LogLevel.Information, Message = "Connected Pinterest user {PinterestUsername} to account {AccountId}.")]
    public static partial void Connected(ILogger logger, string accountId, string? pinterestUsername);

    [LoggerMessage(EventId = 11002, EventName = "PinterestConnectFailed", Level = LogLevel.Warning, Message = "Connecting a Pinterest account failed ({Reason}) for account {AccountId}: {FailureMessage}")]
    public static partial void ConnectFailed(ILogger logger, PinterestConnectFailureReason reason, string? accountId, string failureMessage);

    [LoggerMessage(EventId = 11003, EventName = "PinterestDisconnected", Level = LogLevel.Information, Message = "Disconnected the Pinterest account of account {AccountId} ({Outcome}).")]
    public static partial void Disconnected(ILogger logger, string accountId, PinterestDisconnectOutcome outcome);

    [LoggerMessage(EventId = 11004, EventName = "PinterestRevocationRefused", Level = LogLevel.Warning, Message = "Pinterest did not revoke the tokens of account {AccountId} ({ErrorType}); they are removed from the store anyway.")]
    public static partial void RevocationRefused(ILogger logger, string accountId, string errorType);

    [LoggerMessage(EventId = 11005, EventName = "PinterestDisconnectTokenUnreadable", Level = LogLevel.Warning, Message = "The stored Pinterest token of account {AccountId} cannot be decrypted, so it cannot be revoked at Pinterest; it is removed from the store anyway.")]
    public static partial void TokenUnreadableOnDisconnect(ILogger logger, string accountId);
}
