using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Log events of the Authentication layer (event ids 2000–2999). Only account ids, expiries and exception types are logged: never an access
/// token, a refresh token or a client secret.
/// </summary>
internal static partial class AuthenticationLog
{
    /// <summary>The logger category of the layer, on the dependency-injection and the non-DI path alike.</summary>
    public const string CategoryName = PinterestLogCategories.Authentication;

    [LoggerMessage(EventId = 2001, EventName = "PinterestTokenRefreshStarted", Level = LogLevel.Information,
        Message = "Refreshing the Pinterest token of account {AccountId}.")]
    public static partial void RefreshStarted(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2002, EventName = "PinterestTokenRefreshSucceeded", Level = LogLevel.Information,
        Message = "Refreshed the Pinterest token of account {AccountId}; the new access token expires at {ExpiresAt:O} (refresh token rotated: {Rotated}).")]
    public static partial void RefreshSucceeded(ILogger logger, string accountId, DateTimeOffset expiresAt, bool rotated);

    [LoggerMessage(EventId = 2003, EventName = "PinterestTokenRefreshFailed", Level = LogLevel.Error,
        Message = "Refreshing the Pinterest token of account {AccountId} failed; the next call tries again.")]
    public static partial void RefreshFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2004, EventName = "PinterestRefreshTokenRejected", Level = LogLevel.Warning,
        Message = "Pinterest rejected the refresh token of account {AccountId}; the account must be connected again.")]
    public static partial void RefreshRejected(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2005, EventName = "PinterestRotatedTokenStoreFailed", Level = LogLevel.Critical,
        Message = "The refreshed Pinterest token of account {AccountId} could not be stored; the rotated refresh token may be lost.")]
    public static partial void StoreFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2006, EventName = "PinterestTokenCannotRefreshYet", Level = LogLevel.Warning,
        Message = "The Pinterest access token of account {AccountId} expires soon and no refresh token is stored; using it until it expires.")]
    public static partial void CannotRefreshYet(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2007, EventName = "PinterestUnsavedTokenStillMissing", Level = LogLevel.Warning,
        Message = "The token store still lacks the rotated Pinterest token of account {AccountId}; it is kept in memory and written again later.")]
    public static partial void UnsavedStillMissing(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2008, EventName = "PinterestUnsavedTokenStored", Level = LogLevel.Information,
        Message = "The token store took the rotated Pinterest token of account {AccountId} it had missed.")]
    public static partial void UnsavedStored(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2009, EventName = "PinterestUnsavedTokenSuperseded", Level = LogLevel.Information,
        Message = "The token store holds another Pinterest token for account {AccountId} than the unsaved rotated one; using the stored token.")]
    public static partial void UnsavedSuperseded(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2010, EventName = "PinterestTokenRefreshWithoutAccessToken", Level = LogLevel.Warning,
        Message = "The Pinterest token endpoint answered the refresh of account {AccountId} with a rotated refresh token but no access token; the refresh token was stored and the next call refreshes again.")]
    public static partial void RefreshWithoutAccessToken(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2011, EventName = "PinterestAppCredentialsRefused", Level = LogLevel.Error,
        Message = "Pinterest refused the app's client credentials while refreshing the token of account {AccountId}: check Pinterest:ClientId and Pinterest:ClientSecret. The account's stored token is left as it is.")]
    public static partial void AppCredentialsRefused(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2012, EventName = "PinterestRotatedTokenStoredElsewhereUsed", Level = LogLevel.Information,
        Message = "Refreshing the Pinterest token of account {AccountId} failed ({FailureType}), but the token store holds a token another instance rotated meanwhile; using it.")]
    public static partial void RotatedElsewhereUsed(ILogger logger, string accountId, string failureType);

    [LoggerMessage(EventId = 2013, EventName = "PinterestRefreshAnsweredRejectedToken", Level = LogLevel.Warning,
        Message = "The refresh of account {AccountId} answered the access token Pinterest had just rejected; refreshing once more in {Delay}.")]
    public static partial void RefreshAnsweredRejectedToken(ILogger logger, string accountId, TimeSpan delay);

    [LoggerMessage(EventId = 2014, EventName = "PinterestRefreshTokenRenewalFailed", Level = LogLevel.Warning,
        Message = "Renewing the refresh token of Pinterest account {AccountId} failed; its access token is good until {ExpiresAt:O}, so it is used, and the renewal is tried again after {RetryAt:O}.")]
    public static partial void RenewalFailed(ILogger logger, string accountId, DateTimeOffset expiresAt, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(EventId = 2015, EventName = "PinterestRefreshLockReleaseFailed", Level = LogLevel.Warning,
        Message = "Releasing the refresh lock of Pinterest account {AccountId} failed; the refreshed token was kept, and the coordinator frees the lock itself.")]
    public static partial void RefreshLockReleaseFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(EventId = 2016, EventName = "PinterestKeepAliveSweepWithoutCatalog", Level = LogLevel.Warning,
        Message = "The Pinterest keep-alive sweep has no IPinterestAccountCatalog to list accounts from, so it does nothing: register one (a store package does) or call IPinterestAccountKeepAlive for each account yourself.")]
    public static partial void KeepAliveSweepWithoutCatalog(ILogger logger);

    [LoggerMessage(EventId = 2017, EventName = "PinterestKeepAliveSweepAccountFailed", Level = LogLevel.Warning,
        Message = "The keep-alive sweep could not keep Pinterest account {AccountId} alive ({FailureType}); it goes on with the other accounts and tries again at the next sweep.")]
    public static partial void KeepAliveSweepAccountFailed(ILogger logger, string accountId, string failureType, Exception exception);

    [LoggerMessage(EventId = 2018, EventName = "PinterestKeepAliveSweepCannotRenew", Level = LogLevel.Warning,
        Message = "The keep-alive sweep cannot renew the token of Pinterest account {AccountId} (no refresh token, or one Pinterest does not renew): ask the user to connect it again before it expires.")]
    public static partial void KeepAliveSweepCannotRenew(ILogger logger, string accountId);

    [LoggerMessage(EventId = 2019, EventName = "PinterestKeepAliveSweepListingFailed", Level = LogLevel.Error,
        Message = "The keep-alive sweep could not list the accounts to keep alive; it tries again in {Interval}.")]
    public static partial void KeepAliveSweepListingFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(EventId = 2020, EventName = "PinterestKeepAliveSweepCompleted", Level = LogLevel.Information,
        Message = "The keep-alive sweep went through {Listed} Pinterest accounts expiring before {Before:O}: {Renewed} renewed, {Failed} failed.")]
    public static partial void KeepAliveSweepCompleted(ILogger logger, int listed, int renewed, int failed, DateTimeOffset before);
}
