using System.Globalization;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Events;
using Pinterest.Publishing.Events.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// The publish path's use of <see cref="IAccountCooldowns"/>: before a publish (and before each create) an account
/// that is cooling down fails fast, without sending anything, with a <see cref="PinterestRateLimitException"/> whose
/// <see cref="PinterestApiException.RetryAfter"/> is the time left; every 429 the publish meets starts or extends the
/// cool-down of the whole account, so every other publish of the account waits too, in every instance of the host
/// that shares the <see cref="Pinterest.Publishing.Coordination.IPinterestAccountCoordinator"/>. A scheduler maps
/// the exception to a retry at the end of the cool-down.
/// </summary>
internal sealed class AccountCooldownStage
{
    private readonly IAccountCooldowns _cooldowns;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PublishingEvents _events;

    public AccountCooldownStage(IAccountCooldowns cooldowns, TimeProvider timeProvider, ILoggerFactory loggerFactory, PublishingEvents? events = null)
    {
        _events = events ?? PublishingEvents.None;
        _cooldowns = cooldowns;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger(PublishPathLog.CategoryName);
    }

    /// <summary>The category every publish draws from: its create (and a video's registration) are <c>org_write</c>.</summary>
    public static string PublishCategory => PinterestEndpoints.PinsCreate.RateLimitCategory;

    /// <summary>The cool-downs of one account, for one publish.</summary>
    public AccountRateLimits For(string accountId) => new(this, accountId);

    /// <summary>Whether the failure is one a cool-down answers: a rate limit or a spam block.</summary>
    public static bool IsCooledBy(Exception exception) =>
        FailureClassifier.Classify(exception) is FailureKind.RateLimited or FailureKind.SpamBlocked;

    /// <summary>Throws when the account may not publish yet; nothing is sent then.</summary>
    /// <exception cref="PinterestRateLimitException">The account is cooling down; <see cref="PinterestApiException.RetryAfter"/> says how long.</exception>
    public async ValueTask ThrowIfCoolingDownAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await _cooldowns.FindAsync(accountId, PublishCategory, cancellationToken).ConfigureAwait(false) is not { } cooldown)
        {
            return;
        }

        var wait = cooldown.Until - _timeProvider.GetUtcNow();
        PublishPathLog.CoolingDownNotSent(_logger, accountId, cooldown.Category ?? "all", cooldown.Until);
        var message = cooldown.IsSpamBlock
            ? $"Account '{accountId}' is cooling down after Pinterest flagged one of its requests as spam, so no request was sent. It may publish again at {Describe(cooldown.Until, wait)} (PinSchedulingOptions.SpamBlockDelay)."
            : $"Account '{accountId}' is cooling down after Pinterest rate-limited its {cooldown.Category ?? "API"} requests, so no request was sent. It may publish again at {Describe(cooldown.Until, wait)}.";
        throw new PinterestRateLimitException(message, errorCode: null, requestId: null, wait, cooldown.IsSpamBlock)
        {
            RateLimitCategory = cooldown.Category,
            FailedFast = true,
        };
    }

    /// <summary>
    /// Starts or extends the account's cool-down after <paramref name="failure"/> (a rate limit or spam block, see
    /// <see cref="IsCooledBy"/>), and returns the exception to surface: Pinterest's answer, with the time left until the
    /// cool-down ends as its <see cref="PinterestApiException.RetryAfter"/>.
    /// </summary>
    public async ValueTask<PinterestRateLimitException> CoolDownAsync(string accountId, Exception failure, CancellationToken cancellationToken)
    {
        var spam = FailureClassifier.Classify(failure) == FailureKind.SpamBlocked;
        var category = (failure as PinterestRateLimitException)?.RateLimitCategory;
        var now = _timeProvider.GetUtcNow();
        var hit = new RateLimitHit(category, spam, Backoff.ServerRateLimitWait(failure, now));
        var cooldown = await _cooldowns.RecordAsync(accountId, hit, cancellationToken).ConfigureAwait(false);
        var wait = cooldown.Until - _timeProvider.GetUtcNow();
        PublishPathLog.CoolingDown(_logger, accountId, cooldown.Category ?? "all", cooldown.Until, cooldown.InARow, spam);
        _events.Raise(
            new AccountCoolingDownEvent { AccountId = accountId, Category = cooldown.Category, Until = cooldown.Until, IsSpamBlock = cooldown.IsSpamBlock, InARow = cooldown.InARow, OccurredAt = now },
            static (o, e, ct) => o.OnAccountCoolingDownAsync(e, ct));

        var api = failure as PinterestApiException;
        var message = $"{failure.Message} Every publish of account '{accountId}' waits until {Describe(cooldown.Until, wait)}"
            + (spam ? " (PinSchedulingOptions.SpamBlockDelay)." : $" for the {category ?? "API"} rate limit to reset.");
        return new PinterestRateLimitException(message, api?.ErrorCode, api?.RequestId, wait, spam, failure)
        {
            RateLimit = api?.RateLimit,
            RateLimitCategory = category,
        };
    }

    /// <summary>A publish of the account succeeded: its next 429 starts from the first delay again.</summary>
    public ValueTask SucceededAsync(string accountId, CancellationToken cancellationToken) =>
        _cooldowns.SucceededAsync(accountId, PublishCategory, cancellationToken);

    private static string Describe(DateTimeOffset until, TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"{until:O} (in {(wait < TimeSpan.Zero ? TimeSpan.Zero : wait):c})");
}
