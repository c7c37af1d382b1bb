using System.Net.Http.Headers;
using System.Text;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Stage 1 of <see cref="PinterestApiTransport"/>: turns a <see cref="PinterestApiRequest"/> into a fresh
/// <see cref="HttpRequestMessage"/> (<c>{base}v5/…</c>, <c>Accept: application/json</c>, the body bytes, and either the
/// bearer token it is given or the app's HTTP Basic credentials). It also knows which secrets a request carries, so
/// that any text an answer echoes back can be scrubbed of them.
/// </summary>
internal sealed class ApiRequestBuilder
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly string? _clientSecret;

    /// <summary>Reads the base address and the app's credentials from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The base address in effect is not absolute.</exception>
    public ApiRequestBuilder(PinterestClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseAddress = options.EffectiveBaseAddress;
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("The Pinterest base address must be an absolute URI.", nameof(options));
        }

        // "https://host/prefix" and "https://host/prefix/" both mean the same base: v5 goes below it.
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        ClientId = options.ClientId;
        _clientSecret = options.ClientSecret;
        IsSandbox = PinterestDefaults.IsSandbox(options.ApiBaseAddress, options.Environment);
    }

    /// <summary>Whether requests go to Pinterest's API sandbox (<see cref="PinterestDefaults.IsSandbox"/>).</summary>
    public bool IsSandbox { get; }

    /// <summary>The API host; requests go to <c>{BaseAddress}v5/…</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's client id, if configured (not a secret: it appears in the authorize URL).</summary>
    public string? ClientId { get; }

    /// <summary>The absolute URI of a request.</summary>
    public Uri BuildUri(PinterestApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var relative = "v5/" + request.Path + (request.Query is null ? string.Empty : "?" + request.Query);
        return new Uri(BaseAddress, relative);
    }

    /// <summary>
    /// A new message for one attempt of <paramref name="request"/> (the body is bytes, so every attempt is identical):
    /// with <paramref name="accessToken"/> as its bearer token, or the app's Basic credentials for an OAuth call.
    /// </summary>
    public HttpRequestMessage CreateMessage(PinterestApiRequest request, string? accessToken)
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

    /// <summary>
    /// Throws, before anything is sent, when the client talks to the sandbox and the spec marks the request's operation
    /// <c>x-sandbox: disabled</c> (<see cref="PinterestEndpoint.InSandbox"/>): the analytics operations.
    /// </summary>
    /// <exception cref="NotSupportedException">The sandbox does not serve the operation.</exception>
    public void EnsureServedHere(PinterestApiRequest request)
    {
        if (IsSandbox && !request.Endpoint.InSandbox)
        {
            throw new NotSupportedException(
                $"Pinterest's API sandbox does not serve '{request.Endpoint.Description}' ({request.Endpoint.Method} /v5{request.Endpoint.PathTemplate}: x-sandbox disabled in Pinterest's API description), so nothing was sent. " +
                "Call it with a production token and Pinterest:Environment (PinterestClientOptions.Environment) set to Production.");
        }
    }

    /// <summary>Throws, before anything is sent, when an OAuth call would go out without the app's credentials.</summary>
    /// <exception cref="InvalidOperationException">The client id or secret is not configured.</exception>
    public void EnsureClientCredentials()
    {
        if (string.IsNullOrEmpty(ClientId))
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
    public string[] SecretsOf(PinterestApiRequest request, string? accessToken)
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
    public string[] SecretsOf(PinterestApiRequest request, HttpResponseMessage response) =>
        SecretsOf(request, response.RequestMessage?.Headers.Authorization is { Scheme: "Bearer", Parameter: var token } ? token : null);

    private string BasicCredential() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{_clientSecret}"));
}
