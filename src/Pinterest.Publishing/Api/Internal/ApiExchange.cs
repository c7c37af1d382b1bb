using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The innermost stage of <see cref="PinterestApiTransport"/>: one request on the wire. It builds the message
/// (<see cref="ApiRequestBuilder"/>), marks the caller's <see cref="SendAttempt"/> just before
/// <see cref="HttpClient.SendAsync(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>, sends, logs, and
/// turns an error answer into its exception (<see cref="PinterestErrorMapper"/>). It neither retries nor refreshes:
/// the stages around it decide what a failure means.
/// </summary>
internal sealed class ApiExchange(HttpClient httpClient, ApiRequestBuilder requests, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Sends one attempt of <paramref name="request"/> with <paramref name="accessToken"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="accessToken">The bearer token to send, or <see langword="null"/> (an OAuth call uses Basic credentials).</param>
    /// <param name="sendAttempt">Marked "may have been sent" just before the request is handed to the HTTP client; <see langword="null"/> when the caller does not ask.</param>
    /// <param name="cancellationToken">Cancels the send and the reading of an error answer.</param>
    /// <returns>
    /// The answer of a success status (headers read, body not yet), or the exception its error answer maps to (the
    /// answer then disposed). A transport failure is thrown as it is.
    /// </returns>
    public async Task<(HttpResponseMessage? Answer, PinterestApiException? Error)> SendAsync(
        PinterestApiRequest request, string? accessToken, SendAttempt? sendAttempt, CancellationToken cancellationToken)
    {
        using var message = requests.CreateMessage(request, accessToken);
        var started = timeProvider.GetTimestamp();
        HttpResponseMessage response;

        // From here on, a failure may have reached Pinterest; before, it cannot have.
        sendAttempt?.MarkSending();
        try
        {
            response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            ApiLog.RequestError(logger, request.Method.Method, request.Path, exception.HttpRequestError, exception);
            throw;
        }

        var elapsed = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
        if (PinterestApiRequest.IsSuccess(response.StatusCode))
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var requestId = PinterestErrorMapper.GetRequestId(response.Headers, requests.SecretsOf(request, accessToken));
                ApiLog.RequestSucceeded(logger, request.Method.Method, request.Path, (int)response.StatusCode, elapsed, requestId);
            }

            return (response, null);
        }

        // The answer may echo the request (an API, a proxy or a WAF doing so): its text loses the request's secrets,
        // and the token endpoint's message, about nothing but credentials, is left out altogether.
        PinterestApiException error;
        using (response)
        {
            error = await PinterestErrorMapper.ReadAsync(
                response,
                request.Operation,
                request.Endpoint.Scopes,
                timeProvider,
                requests.SecretsOf(request, accessToken),
                includeServerMessage: request.Authentication != PinterestAuthentication.ClientCredentials,
                httpClient.Timeout,
                cancellationToken).ConfigureAwait(false);
        }

        if (error is PinterestRateLimitException limited)
        {
            // Pinterest limits per category; only the request knows which one it drew from.
            limited.RateLimitCategory ??= request.Endpoint.RateLimitCategory;
        }

        ApiLog.RequestFailed(logger, request.Method.Method, request.Path, (int)error.StatusCode, error.ErrorCode, elapsed, error.RequestId);
        return (null, error);
    }
}
