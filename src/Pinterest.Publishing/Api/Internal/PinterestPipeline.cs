using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Polly;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The request pipeline every sub-client goes through: builds <c>{base}v5/…</c> requests from bytes, authenticates
/// (bearer from an <see cref="IPinterestCredential"/>, or HTTP Basic for OAuth), replays once after a 401 with a
/// refreshed token, retries transient failures of idempotent calls, and maps errors to exceptions. Authentication
/// lives here rather than in a <see cref="DelegatingHandler"/> so it works over any <see cref="HttpClient"/>.
/// </summary>
internal sealed class PinterestPipeline
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    // A page of 250 Pins is well under 2 MiB; an answer past this is broken or hostile, not data.
    internal const long MaxAnswerBytes = 16 * 1024 * 1024;

    private readonly HttpClient _httpClient;
    private readonly ResiliencePipeline? _retryPipeline;
    private readonly ILogger _logger;
    private readonly string? _clientId;
    private readonly string? _clientSecret;

    public PinterestPipeline(HttpClient httpClient, PinterestClientOptions options)
        : this(httpClient, options, retryPolicy: null)
    {
    }

    /// <summary>Creates a pipeline; <paramref name="retryPolicy"/>, when given, was built from the same options and is shared.</summary>
    public PinterestPipeline(HttpClient httpClient, PinterestClientOptions options, PinterestRetryPolicy? retryPolicy)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        var baseAddress = options.EffectiveBaseAddress;
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The Pinterest base address must be an absolute URI.", nameof(options));
        }

        // "https://host/prefix" and "https://host/prefix/" both mean the same base: v5 goes below it.
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = LoggerFactory.CreateLogger("Pinterest.Publishing.Api");
        _clientId = options.ClientId;
        _clientSecret = options.ClientSecret;
        TokenRefreshMargin = options.TokenRefreshMargin;
        _retryPipeline = (retryPolicy ?? new PinterestRetryPolicy(options)).Pipeline;
    }

    /// <summary>The retry pipeline of idempotent calls, or <see langword="null"/> when retries are off.</summary>
    internal ResiliencePipeline? RetryPipeline => _retryPipeline;

    /// <summary>The API host; requests go to <c>{BaseAddress}v5/…</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The clock of retry delays and token expiry.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Where the client logs.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The token refresh margin of the options the pipeline was built with.</summary>
    public TimeSpan TokenRefreshMargin { get; }

    /// <summary>The app's client id, if configured (not a secret: it appears in the authorize URL).</summary>
    public string? ClientId => _clientId;

    /// <summary>Whether the app's client id and secret are configured.</summary>
    public bool HasClientCredentials => !string.IsNullOrEmpty(_clientId) && !string.IsNullOrEmpty(_clientSecret);

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

        // HttpClient.Timeout ends at the headers; the body gets the same budget again, so a connection that goes
        // silent mid-answer fails instead of hanging a caller that passed no token (the scheduler passes none).
        using var deadline = StartReadDeadline(cancellationToken);
        T? result;
        try
        {
            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                throw new AnswerTooLargeException(MaxAnswerBytes);
            }

            var stream = new BoundedReadStream(await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false), MaxAnswerBytes);
            await using (stream.ConfigureAwait(false))
            {
                result = await JsonSerializer.DeserializeAsync(stream, responseTypeInfo, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (JsonException exception)
        {
            throw UnreadableAnswer(request, response, AnswerSecrets(request, response), exception);
        }
        catch (AnswerTooLargeException exception)
        {
            throw UnreadableAnswer(request, response, AnswerSecrets(request, response), exception);
        }
        catch (OperationCanceledException exception) when (deadline.HasExpired && !cancellationToken.IsCancellationRequested)
        {
            throw new PinterestAnswerTimeoutException(
                $"Pinterest {request.Operation} answered HTTP {(int)response.StatusCode} but the rest of the answer did not arrive within {_httpClient.Timeout.TotalSeconds:0.###} s.",
                response.StatusCode,
                PinterestErrorMapper.GetRequestId(response.Headers, AnswerSecrets(request, response)),
                new TimeoutException(exception.Message, exception));
        }

        return result ?? throw UnreadableAnswer(request, response, AnswerSecrets(request, response), null);
    }

    /// <summary>Sends the request and ignores the answer's body.</summary>
    public async Task SendAsync(PinterestApiRequest request, IPinterestCredential? credential, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, credential, sendAttempt: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The absolute URI of a request.</summary>
    public Uri BuildUri(PinterestApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var relative = "v5/" + request.Path + (request.Query is null ? string.Empty : "?" + request.Query);
        return new Uri(BaseAddress, relative);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(PinterestApiRequest request, IPinterestCredential? credential, SendAttempt? sendAttempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Authentication == PinterestAuthentication.Bearer && credential is null)
        {
            throw new InvalidOperationException(
                $"Cannot {request.Operation}: this PinterestClient has no account. Call ForAccount(accountId) first, or create the client with an access token or a token store.");
        }

        if (request.Authentication == PinterestAuthentication.ClientCredentials)
        {
            EnsureClientCredentials();
        }

        var state = new AttemptState(request, credential, sendAttempt);
        if (!request.IsIdempotent || _retryPipeline is null)
        {
            return await SendAttemptAsync(state, cancellationToken).ConfigureAwait(false);
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(PinterestRetryPolicy.RequestKey, request);
            return await _retryPipeline.ExecuteAsync(
                (ctx, s) => new ValueTask<HttpResponseMessage>(SendAttemptAsync(s, ctx.CancellationToken)),
                context,
                state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<HttpResponseMessage> SendAttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        while (true)
        {
            string? accessToken = null;
            if (request.Authentication == PinterestAuthentication.Bearer)
            {
                accessToken = state.ReplayToken
                    ?? await state.Credential!.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
                state.ReplayToken = null;
            }

            using var message = CreateMessage(request, accessToken);
            var started = TimeProvider.GetTimestamp();
            HttpResponseMessage response;
            state.SendAttempt?.MarkSending();
            try
            {
                response = await _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                ApiLog.RequestError(_logger, request.Method.Method, request.Path, exception.HttpRequestError, exception);
                throw;
            }

            var elapsed = (long)TimeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (PinterestApiRequest.IsSuccess(response.StatusCode))
            {
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    var requestId = PinterestErrorMapper.GetRequestId(response.Headers, RequestSecrets(request, accessToken));
                    ApiLog.RequestSucceeded(_logger, request.Method.Method, request.Path, (int)response.StatusCode, elapsed, requestId);
                }

                return response;
            }

            // The answer may echo the request (an API, a proxy or a WAF doing so): its text loses the request's secrets,
            // and the token endpoint's message, about nothing but credentials, is left out altogether.
            var secrets = RequestSecrets(request, accessToken);
            var includeServerMessage = request.Authentication != PinterestAuthentication.ClientCredentials;
            PinterestApiException error;
            using (response)
            using (var deadline = StartReadDeadline(cancellationToken))
            {
                try
                {
                    error = await PinterestErrorMapper.CreateAsync(response, request.Operation, TimeProvider, secrets, includeServerMessage, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline.HasExpired && !cancellationToken.IsCancellationRequested)
                {
                    // The status says what went wrong; the body that never came would only add Pinterest's wording.
                    error = PinterestErrorMapper.Create(response.StatusCode, response.Headers, body: null, request.Operation, TimeProvider, secrets, includeServerMessage);
                }
            }

            ApiLog.RequestFailed(_logger, request.Method.Method, request.Path, (int)error.StatusCode, error.ErrorCode, elapsed, error.RequestId);
            if (error.StatusCode == HttpStatusCode.Unauthorized && request.Authentication == PinterestAuthentication.Bearer)
            {
                // A 401 proves the request was not processed: a failed refresh below is retried, never reconciled.
                state.SendAttempt?.MarkNotProcessed();
                var credential = state.Credential!;
                if (!state.Refreshed)
                {
                    state.Refreshed = true;
                    ApiLog.UnauthorizedRefreshing(_logger, request.Method.Method, request.Path, credential.AccountId);
                    var refreshed = await credential.RefreshAfterUnauthorizedAsync(accessToken!, cancellationToken).ConfigureAwait(false);
                    if (!string.IsNullOrEmpty(refreshed) && !string.Equals(refreshed, accessToken, StringComparison.Ordinal))
                    {
                        // The body is bytes: the replay is an identical request with the new token.
                        state.ReplayToken = refreshed;
                        continue;
                    }
                }

                ApiLog.ReauthorizationRequired(_logger, request.Method.Method, request.Path, credential.AccountId);
                throw new PinterestReauthorizationRequiredException(
                    state.Refreshed && credential.AccountId is not null
                        ? $"Pinterest rejected the access token of account '{credential.AccountId}' for {request.Operation} even after a refresh: the account must be connected again through OAuth."
                        : $"Pinterest rejected the access token for {request.Operation} and it cannot be renewed: connect the account again through OAuth.",
                    credential.AccountId,
                    error);
            }

            throw request.MapError?.Invoke(error) ?? error;
        }
    }

    private HttpRequestMessage CreateMessage(PinterestApiRequest request, string? accessToken)
    {
        var message = new HttpRequestMessage(request.Method, BuildUri(request));
        message.Headers.Accept.Add(JsonMediaType);
        if (accessToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        else if (request.Authentication == PinterestAuthentication.ClientCredentials)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicCredential());
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
        }

        return message;
    }

    private void EnsureClientCredentials()
    {
        if (string.IsNullOrEmpty(_clientId))
        {
            throw new InvalidOperationException("The Pinterest app's ClientId is not set (PinterestClientOptions.ClientId or PinterestPublishingOptions.ClientId): OAuth calls and token refresh need it.");
        }

        if (string.IsNullOrEmpty(_clientSecret))
        {
            throw new InvalidOperationException("The Pinterest app's ClientSecret is not set (PinterestClientOptions.ClientSecret or PinterestPublishingOptions.ClientSecret): OAuth calls and token refresh need it.");
        }
    }

    /// <summary>
    /// The secrets <paramref name="request"/> carries when sent with <paramref name="accessToken"/>: what an answer that
    /// echoes the request would repeat. Built on error paths only (and for Debug logs).
    /// </summary>
    private string[] RequestSecrets(PinterestApiRequest request, string? accessToken)
    {
        var secrets = new List<string>(4);
        if (accessToken is not null)
        {
            secrets.Add(accessToken);
        }

        if (!string.IsNullOrEmpty(_clientSecret))
        {
            secrets.Add(_clientSecret);
            if (request.Authentication == PinterestAuthentication.ClientCredentials)
            {
                secrets.Add(BasicCredential());
            }
        }

        if (request.Body is { } body && request.ContentType is { } contentType
            && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            secrets.AddRange(SecretScrubber.FormSecrets(body));
        }

        return [.. secrets];
    }

    /// <summary>The secrets of the request <paramref name="response"/> answers, its bearer token read back from it.</summary>
    private string[] AnswerSecrets(PinterestApiRequest request, HttpResponseMessage response) =>
        RequestSecrets(request, response.RequestMessage?.Headers.Authorization is { Scheme: "Bearer", Parameter: var token } ? token : null);

    private string BasicCredential() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_clientId}:{_clientSecret}"));

    private static PinterestApiException UnreadableAnswer(PinterestApiRequest request, HttpResponseMessage response, IReadOnlyCollection<string> secrets, Exception? exception) =>
        new(
            exception is AnswerTooLargeException tooLarge
                ? $"Pinterest {request.Operation} answered HTTP {(int)response.StatusCode} with a body larger than the {tooLarge.Limit / (1024 * 1024)} MiB an answer can be; it was not read."
                : $"Pinterest {request.Operation} answered HTTP {(int)response.StatusCode} with a body that is not the expected JSON.",
            response.StatusCode,
            requestId: PinterestErrorMapper.GetRequestId(response.Headers, secrets),
            innerException: exception);

    private ReadDeadline StartReadDeadline(CancellationToken cancellationToken) =>
        new(_httpClient.Timeout, cancellationToken);

    private sealed class AttemptState(PinterestApiRequest request, IPinterestCredential? credential, SendAttempt? sendAttempt)
    {
        public PinterestApiRequest Request { get; } = request;

        public IPinterestCredential? Credential { get; } = credential;

        public SendAttempt? SendAttempt { get; } = sendAttempt;

        public bool Refreshed { get; set; }

        public string? ReplayToken { get; set; }
    }
}
