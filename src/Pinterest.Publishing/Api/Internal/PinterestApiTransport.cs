using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Everything between a sub-client's typed call and the wire. A call meets these stages in this order, each in its
/// own file:
/// <list type="number">
/// <item><see cref="ApiRequestBuilder"/>: <c>{base}v5/…</c>, headers, body bytes, Basic credentials (and the checks that nothing is sent without them);</item>
/// <item><see cref="PinterestRetryPolicy"/>: send-and-retry, the Polly retry of idempotent calls (the failure classifier decides what is retried);</item>
/// <item><see cref="BearerAuthentication"/>: the account's token, and one refresh-and-replay after a 401;</item>
/// <item><see cref="ApiExchange"/>: one send over the <see cref="HttpClient"/>, the "may have been sent" mark just before it, the error answer mapped by <see cref="PinterestErrorMapper"/>;</item>
/// <item><see cref="AnswerReader"/>: the JSON answer read under its size cap and deadline.</item>
/// </list>
/// "Pipeline" in this library means only Polly's <see cref="Polly.ResiliencePipeline"/>, inside the retry stage.
/// </summary>
internal sealed class PinterestApiTransport
{
    private readonly ApiRequestBuilder _requests;
    private readonly PinterestRetryPolicy _retry;
    private readonly BearerAuthentication _authentication;
    private readonly AnswerReader _answers;

    /// <summary>A transport; <paramref name="retryPolicy"/> was built from the same options (and may be shared).</summary>
    public PinterestApiTransport(HttpClient httpClient, PinterestClientOptions options, PinterestRetryPolicy retryPolicy)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(retryPolicy);
        _requests = new ApiRequestBuilder(options);
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        TokenRefreshMargin = options.TokenRefreshMargin;
        var logger = LoggerFactory.CreateLogger(ApiLog.CategoryName);
        _authentication = new BearerAuthentication(new ApiExchange(httpClient, _requests, TimeProvider, logger), logger);
        _answers = new AnswerReader(httpClient, _requests);
        _retry = retryPolicy;
    }

    /// <summary>The retry stage (shared between the transports of the dependency-injection path).</summary>
    public PinterestRetryPolicy RetryPolicy => _retry;

    /// <summary>The request-building stage: the base address, the client id, the URI of a request.</summary>
    public ApiRequestBuilder Requests => _requests;

    /// <summary>The clock of retry delays and token expiry.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Where the client logs.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The token refresh margin of the options the transport was built with.</summary>
    public TimeSpan TokenRefreshMargin { get; }

    /// <summary>Sends the request and reads the JSON answer.</summary>
    public Task<T> SendAsync<T>(PinterestApiRequest request, JsonTypeInfo<T> responseTypeInfo, IPinterestCredential? credential, CancellationToken cancellationToken) =>
        SendAsync(request, responseTypeInfo, credential, sendAttempt: null, cancellationToken);

    /// <summary>Sends the request, marking <paramref name="sendAttempt"/> as it goes, and reads the JSON answer.</summary>
    /// <param name="request">The request.</param>
    /// <param name="responseTypeInfo">The answer's JSON type.</param>
    /// <param name="credential">The account's credential, for bearer requests.</param>
    /// <param name="sendAttempt">
    /// Marked just before each send and cleared by a 401, so the caller's failure classification knows whether the
    /// request may have reached Pinterest; <see langword="null"/> when the caller does not ask.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<T> SendAsync<T>(PinterestApiRequest request, JsonTypeInfo<T> responseTypeInfo, IPinterestCredential? credential, SendAttempt? sendAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseTypeInfo);
        using var response = await SendCoreAsync(request, credential, sendAttempt, cancellationToken).ConfigureAwait(false);
        return await _answers.ReadAsync(request, response, responseTypeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the request and ignores the answer's body.</summary>
    public async Task SendAsync(PinterestApiRequest request, IPinterestCredential? credential, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, credential, sendAttempt: null, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendCoreAsync(PinterestApiRequest request, IPinterestCredential? credential, SendAttempt? sendAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests.EnsureServedHere(request);
        BearerAuthentication.EnsureCredential(request, credential);
        if (request.Authentication == PinterestAuthentication.ClientCredentials)
        {
            _requests.EnsureClientCredentials();
        }

        return _retry.ExecuteAsync(request, _authentication.SendAsync, new ApiCall(request, credential, sendAttempt), cancellationToken);
    }
}
