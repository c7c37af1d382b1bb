using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The error-mapping stage of <see cref="PinterestApiTransport"/>: turns a Pinterest error answer into the exception
/// hierarchy.
/// </summary>
internal static class PinterestErrorMapper
{
    /// <summary>At most this much of an error body is read: enough for <c>{code, message}</c>, never a huge HTML page.</summary>
    internal const int MaxErrorBodyBytes = 8 * 1024;

    /// <summary>Pinterest's message is cut to this length in exception messages.</summary>
    internal const int MaxMessageLength = 300;

    /// <summary>Pinterest's generic "not permitted" code; Trial access is only one of its reasons.</summary>
    internal const int NotPermittedErrorCode = 29;

    /// <summary>
    /// The exception of an error answer, its body read within <paramref name="readBudget"/>: a body that does not
    /// arrive in time is left out (the status says what went wrong; the body would only add Pinterest's wording).
    /// </summary>
    /// <param name="response">The error answer.</param>
    /// <param name="operation">What was attempted, for the message.</param>
    /// <param name="requiredScopes">The scopes the call needs (the spec's <c>security</c>), named when Pinterest answers that the token lacks one.</param>
    /// <param name="timeProvider">The clock of <c>Retry-After</c> dates.</param>
    /// <param name="secrets">The secrets the request carried: removed from every server-supplied text kept.</param>
    /// <param name="includeServerMessage">
    /// Whether Pinterest's <c>message</c> (scrubbed) goes into the exception message; never for the token endpoint,
    /// whose requests carry nothing but credentials.
    /// </param>
    /// <param name="readBudget">How long the body may take (the HTTP client's timeout, which ended at the headers).</param>
    /// <param name="cancellationToken">Stops reading the body.</param>
    public static async Task<PinterestApiException> ReadAsync(HttpResponseMessage response, string operation, IReadOnlyList<string> requiredScopes, TimeProvider timeProvider, IReadOnlyCollection<string> secrets, bool includeServerMessage, TimeSpan readBudget, CancellationToken cancellationToken)
    {
        using var deadline = new ReadDeadline(readBudget, cancellationToken);
        PinterestErrorBody? body;
        try
        {
            body = await ReadErrorBodyAsync(response.Content, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.HasExpired && !cancellationToken.IsCancellationRequested)
        {
            body = null;
        }

        return Create(response.StatusCode, response.Headers, body, operation, timeProvider, secrets, includeServerMessage, requiredScopes);
    }

    internal static PinterestApiException Create(HttpStatusCode statusCode, HttpResponseHeaders headers, PinterestErrorBody? body, string operation, TimeProvider timeProvider, IReadOnlyCollection<string>? secrets = null, bool includeServerMessage = true, IReadOnlyList<string>? requiredScopes = null)
    {
        var requestId = GetRequestId(headers, secrets);
        var retryAfter = GetRetryAfter(headers, timeProvider);
        var rateLimit = GetRateLimit(headers, timeProvider);
        var pinterestMessage = includeServerMessage ? Clean(body?.Message, secrets) : null;
        var detail = includeServerMessage ? Clean(body?.MessageDetail, secrets) : null;
        var errorCode = body?.Code;

        var serverText = detail is null || string.Equals(detail, pinterestMessage, StringComparison.Ordinal) ? pinterestMessage
            : pinterestMessage is null ? detail
            : $"{pinterestMessage}. {detail}";
        var message = FormatMessage(operation, statusCode, errorCode, serverText, requestId);

        // Pinterest's wording decides, read in full (not the cut, scrubbed text kept): its own client takes the reason
        // from message_detail, falling back to message.
        if (statusCode == HttpStatusCode.TooManyRequests)
        {
            var isSpam = SaysSpam(body?.MessageDetail) || SaysSpam(body?.Message);
            if (isSpam)
            {
                message += " Pinterest flagged the request as spam: do not retry it soon.";
            }

            return new PinterestRateLimitException(message, errorCode, requestId, retryAfter, isSpam) { RateLimit = rateLimit, MessageDetail = detail };
        }

        if (statusCode == HttpStatusCode.Unauthorized && errorCode == PinterestInsufficientScopeException.InsufficientScopeErrorCode)
        {
            var scopes = requiredScopes ?? [];
            var needed = scopes.Count > 0 ? string.Join(", ", scopes) : "the scopes it needs";
            message += $" The access token lacks a scope {operation} needs. A token refresh or reconnecting with the same scopes cannot add it: request {needed} when a user connects an account (the scopes passed to OAuthClient.BuildAuthorizeUri), then have the user connect this account again.";
            return new PinterestInsufficientScopeException(message, scopes, requestId) { RateLimit = rateLimit, MessageDetail = detail };
        }

        if (statusCode == HttpStatusCode.Forbidden && errorCode == NotPermittedErrorCode)
        {
            if (SaysTrialAccess(body?.Message) || SaysTrialAccess(body?.MessageDetail))
            {
                message += " The app has trial access, which cannot do this on production: use PinterestEnvironment.Sandbox with a sandbox token, or apply for standard access in the Pinterest developer portal.";
                return new PinterestTrialAccessException(message, requestId) { RateLimit = rateLimit, MessageDetail = detail };
            }

            message += " Pinterest does not permit the account to do this (for a Pin: the account must own the board, or be allowed to save Pins to a group board): retrying will not help.";
        }

        return new PinterestApiException(message, statusCode, errorCode, requestId, retryAfter) { RateLimit = rateLimit, MessageDetail = detail };
    }

    // "Sorry! You've hit a block (Pins) we have in place to combat spam." is the wording seen in the wild.
    private static bool SaysSpam(string? text) =>
        text is not null && (text.Contains("spam", StringComparison.OrdinalIgnoreCase) || text.Contains("hit a block", StringComparison.OrdinalIgnoreCase));

    // "Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead."
    private static bool SaysTrialAccess(string? text) =>
        text is not null && (text.Contains("Trial access", StringComparison.OrdinalIgnoreCase) || text.Contains("api-sandbox", StringComparison.OrdinalIgnoreCase));

    internal static string FormatMessage(string operation, HttpStatusCode statusCode, int? errorCode, string? pinterestMessage, string? requestId)
    {
        var text = $"Pinterest {operation} failed with HTTP {(int)statusCode} ({statusCode})";
        if (errorCode is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", code {errorCode}");
        }

        if (pinterestMessage is not null)
        {
            text += $": {pinterestMessage}";
        }

        text += ".";
        if (requestId is not null)
        {
            text += $" Request id: {requestId}.";
        }

        return text;
    }

    internal static async Task<PinterestErrorBody?> ReadErrorBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBodyBytes];
        var length = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
        }

        var span = buffer.AsSpan(0, length).TrimStart(" \t\r\n"u8);
        if (span.IsEmpty || span[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(span, PinterestJsonContext.Default.PinterestErrorBody);
        }
        catch (JsonException)
        {
            // A truncated or malformed body: the status alone still maps the error.
            return null;
        }
    }

    /// <summary>
    /// The <c>x-pinterest-rid</c> header when it is plainly a request id holding none of <paramref name="secrets"/>:
    /// a server that echoes the request may put a token there.
    /// </summary>
    internal static string? GetRequestId(HttpResponseHeaders headers, IReadOnlyCollection<string>? secrets = null) =>
        headers.TryGetValues("x-pinterest-rid", out var values) ? SecretScrubber.RequestId(values.FirstOrDefault(), secrets) : null;

    // Every header parser below is total: whatever a server or a proxy sends gives a value or nothing, never an
    // exception. An exception here would surface from the create call as neither "not sent" nor "ambiguous".
    internal static TimeSpan? GetRetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            // Two DateTimeOffsets are at most ~10,000 years apart, so the difference cannot overflow. A far date (year
            // 9999) gives a huge delay: each consumer caps it (PinterestRetryOptions.MaxRetryAfter, PinSchedulingOptions.MaxRetryAfter).
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    internal static PinterestRateLimitInfo? GetRateLimit(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        var limit = GetInt(headers, "x-ratelimit-limit");
        var remaining = GetInt(headers, "x-ratelimit-remaining");
        DateTimeOffset? reset = null;
        if (GetHeader(headers, "x-ratelimit-reset") is { } resetText
            && long.TryParse(resetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var resetValue)
            && resetValue >= 0)
        {
            // Either Unix seconds or seconds until the reset: values this large cannot be a delay. A value past what a
            // DateTimeOffset can hold (99999999999999, say) is no information and is ignored.
            reset = resetValue >= 1_000_000_000 ? FromUnixSeconds(resetValue) : AddSeconds(timeProvider.GetUtcNow(), resetValue);
        }

        return limit is null && remaining is null && reset is null
            ? null
            : new PinterestRateLimitInfo { Limit = limit, Remaining = remaining, Reset = reset };
    }

    // The last second a DateTimeOffset can hold (9999-12-31T23:59:59Z).
    private const long MaxUnixSeconds = 253_402_300_799;

    private static DateTimeOffset? FromUnixSeconds(long seconds) =>
        seconds <= MaxUnixSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static DateTimeOffset? AddSeconds(DateTimeOffset now, long seconds) =>
        seconds <= (DateTimeOffset.MaxValue - now).Ticks / TimeSpan.TicksPerSecond ? now.AddSeconds(seconds) : null;

    private static int? GetInt(HttpResponseHeaders headers, string name)
    {
        var text = GetHeader(headers, name);
        if (text is null)
        {
            return null;
        }

        // x-ratelimit-limit may carry a policy suffix ("100, 100;w=60"): keep the leading number.
        var end = 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return int.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string? GetHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    /// <summary>Pinterest's message made safe: scrubbed of secrets (before it is cut, so no secret is cut in half), one line, bounded.</summary>
    private static string? Clean(string? text, IReadOnlyCollection<string>? secrets)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = SecretScrubber.Scrub(text, secrets).Trim().TrimEnd('.');
        var chars = trimmed.Length > MaxMessageLength ? trimmed.AsSpan(0, MaxMessageLength).ToString() + "…" : trimmed;
        return string.Create(chars.Length, chars, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
