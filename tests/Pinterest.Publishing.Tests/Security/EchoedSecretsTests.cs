using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// An API, a proxy or a WAF that echoes the request into its error answer (in <c>message</c>, <c>message_detail</c>,
/// <c>x-pinterest-rid</c> or a plain-text body) must not make the library repeat the request's secrets in an exception,
/// a request id, a persisted outcome reason or a log.
/// </summary>
public sealed class EchoedSecretsTests : IDisposable
{
    private const string AccountId = "acct-echo";
    private const string ClientId = "echo-client-id";
    private const string ClientSecret = "Echo-Client-Secret-9f8e7d6c5b4a";

    // Shaped like a request id (letters, digits, '-') on purpose: only knowing the exact secret can catch it there.
    private const string AccessToken = "EchoAccess-7b1f2e3d4c5a69788796a5b4c3d2e1f0";
    private const string RefreshToken = "Echo/Refresh+Token=0a1b2c3d4e5f60718293";
    private const string Code = "echo-authorization-code-5a4b3c2d1e0f";

    private static readonly string Basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));

    private static readonly (string Kind, string Value)[] Secrets =
    [
        ("access token", AccessToken),
        ("refresh token", RefreshToken),
        ("form-encoded refresh token", Uri.EscapeDataString(RefreshToken)),
        ("url-encoded refresh token", WebUtility.UrlEncode(RefreshToken)),
        ("client secret", ClientSecret),
        ("Basic client credential", Basic),
        ("authorization code", Code),
    ];

    private readonly WireMockServer _server = LoopbackWireMock.Start();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly HttpClient _http = new();
    private readonly List<(string Where, string Text)> _texts = [];

    public enum Echo
    {
        /// <summary>JSON body (<c>message</c> and <c>message_detail</c>); <c>x-pinterest-rid</c> is the Authorization header.</summary>
        JsonWithAuthorizationAsRequestId,

        /// <summary>JSON body; <c>x-pinterest-rid</c> is the bare credential (token or Basic value).</summary>
        JsonWithCredentialAsRequestId,

        /// <summary>JSON body; <c>x-pinterest-rid</c> is the secret of the form (refresh token or code), else the credential.</summary>
        JsonWithFormSecretAsRequestId,

        /// <summary>A plain-text body; <c>x-pinterest-rid</c> is the bare credential.</summary>
        PlainText,
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _http.Dispose();
    }

    [Theory]
    [InlineData(Echo.JsonWithAuthorizationAsRequestId)]
    [InlineData(Echo.JsonWithCredentialAsRequestId)]
    [InlineData(Echo.PlainText)]
    public async Task An_api_call_whose_error_echoes_the_bearer_token_leaks_it_nowhere(Echo echo)
    {
        GivenEcho("/v5/user_account", HttpStatusCode.BadRequest, echo);
        var client = new PinterestClient(_http, AccessToken, ClientOptions());

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => client.UserAccount.GetAsync());

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Observe("exception", error);
        if (echo != Echo.PlainText)
        {
            // Pinterest's wording stays, without the secret.
            Assert.Contains("request was", error.Message, StringComparison.Ordinal);
        }

        AssertEchoedAndNoSecretLeaked();
    }

    [Theory]
    [InlineData(Echo.JsonWithAuthorizationAsRequestId, HttpStatusCode.BadRequest)]
    [InlineData(Echo.JsonWithCredentialAsRequestId, HttpStatusCode.InternalServerError)]
    [InlineData(Echo.JsonWithFormSecretAsRequestId, HttpStatusCode.ServiceUnavailable)]
    [InlineData(Echo.PlainText, HttpStatusCode.Unauthorized)]
    public async Task A_token_refresh_whose_error_echoes_the_client_credentials_and_refresh_token_leaks_them_nowhere(Echo echo, HttpStatusCode status)
    {
        GivenEcho("/v5/oauth/token", status, echo);
        var store = new InMemoryPinterestTokenStore();
        await store.StoreTokenAsync(AccountId, new PinterestToken { AccessToken = AccessToken, RefreshToken = RefreshToken, ExpiresAt = DateTimeOffset.UnixEpoch });
        var client = new PinterestClient(_http, store, AccountId, ClientOptions());

        var error = await Assert.ThrowsAnyAsync<PinterestException>(() => client.UserAccount.GetAsync());
        Observe("exception", error);
        var direct = await Assert.ThrowsAnyAsync<PinterestException>(() => client.OAuth.RefreshAsync(RefreshToken));
        Observe("exception", direct);

        AssertEchoedAndNoSecretLeaked();
    }

    [Theory]
    [InlineData(Echo.JsonWithAuthorizationAsRequestId)]
    [InlineData(Echo.JsonWithFormSecretAsRequestId)]
    [InlineData(Echo.PlainText)]
    public async Task A_code_exchange_whose_error_echoes_the_code_and_client_credentials_leaks_them_nowhere(Echo echo)
    {
        GivenEcho("/v5/oauth/token", HttpStatusCode.BadRequest, echo);
        var client = new PinterestClient(_http, AccessToken, ClientOptions());

        var error = await Assert.ThrowsAnyAsync<PinterestException>(() => client.OAuth.ExchangeCodeAsync(Code, new Uri("https://app.example/callback")));

        Observe("exception", error);
        AssertEchoedAndNoSecretLeaked();
    }

    [Theory]
    [InlineData(Echo.JsonWithAuthorizationAsRequestId, false, HttpStatusCode.BadRequest)]
    [InlineData(Echo.JsonWithCredentialAsRequestId, false, HttpStatusCode.Forbidden)]
    [InlineData(Echo.PlainText, false, HttpStatusCode.BadRequest)]
    [InlineData(Echo.JsonWithFormSecretAsRequestId, true, HttpStatusCode.InternalServerError)]
    [InlineData(Echo.JsonWithAuthorizationAsRequestId, true, HttpStatusCode.BadRequest)]
    [InlineData(Echo.PlainText, true, HttpStatusCode.ServiceUnavailable)]
    public async Task A_scheduled_publish_whose_error_echoes_a_secret_persists_and_logs_none(Echo echo, bool refreshFirst, HttpStatusCode status)
    {
        GivenEcho(refreshFirst ? "/v5/oauth/token" : "/v5/pins", status, echo);
        var services = new ServiceCollection()
            .AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddPinterestPublishing(o =>
        {
            o.ApiBaseAddress = new Uri(_server.Url!);
            o.ClientId = ClientId;
            o.ClientSecret = ClientSecret;
            o.Retry.MaxRetries = 0;
        });
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync(AccountId, new PinterestToken
        {
            AccessToken = AccessToken,
            RefreshToken = RefreshToken,
            ExpiresAt = refreshFirst ? DateTimeOffset.UnixEpoch : DateTimeOffset.UtcNow.AddDays(30),
        });
        var schedule = new InMemoryPinScheduleStore();
        var scheduled = schedule.Schedule(
            new PublishPinRequest { AccountId = AccountId, BoardId = "549755885175", Title = "Echo", Media = PinMedia.Image(TestMedia.Bytes("large-1000x1500.png"), "image/png") },
            DateTimeOffset.UtcNow.AddMinutes(-1));
        var dispatcher = new PinScheduleDispatcher(
            schedule,
            provider.GetRequiredService<IPinPublisher>(),
            Options.Create(new PinSchedulingOptions()),
            TimeProvider.System,
            provider.GetRequiredService<ILoggerFactory>());

        await dispatcher.RunOnceAsync(CancellationToken.None);

        var outcome = schedule.GetOutcome(scheduled.Id);
        Assert.NotNull(outcome);
        Assert.NotEqual(PinPublishOutcomeKind.Published, outcome.Kind);
        _texts.Add(("outcome reason", outcome.Reason));
        _texts.Add(("outcome", outcome.ToString()));
        AssertEchoedAndNoSecretLeaked();
    }

    private PinterestClientOptions ClientOptions() => new()
    {
        ApiBaseAddress = new Uri(_server.Url!),
        ClientId = ClientId,
        ClientSecret = ClientSecret,
        LoggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs)),
        Retry = { MaxRetries = 0 },
    };

    private void Observe(string where, Exception exception)
    {
        _texts.Add((where, exception.ToString()));
        for (var current = exception; current is not null; current = current.InnerException)
        {
            _texts.Add(($"{where} message", current.Message));
            if (current is PinterestApiException api)
            {
                _texts.Add(($"{where} request id", api.RequestId ?? string.Empty));
            }
        }

        _texts.Add(($"{where} as outcome", PinPublishOutcomeMapper.FromException(exception, 1, DateTimeOffset.UnixEpoch, new PinSchedulingOptions()).Reason));
    }

    private void AssertEchoedAndNoSecretLeaked()
    {
        // The server really echoed a secret, so the assertions below are about something that was there.
        Assert.NotEmpty(_server.LogEntries);
        Assert.All(_server.LogEntries, e => Assert.Contains(e.RequestMessage.Headers!, h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)));
        Assert.NotEmpty(_logs.Entries);

        _texts.AddRange(_logs.Entries.Select(e => ("log", e)));
        foreach (var (where, text) in _texts)
        {
            foreach (var (kind, secret) in Secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The {kind} appears in a {where}: {text}");
            }
        }
    }

    private void GivenEcho(string path, HttpStatusCode status, Echo echo) =>
        _server.Given(Request.Create().WithPath(path)).RespondWith(Response.Create().WithCallback(request => EchoAnswer(request, status, echo)));

    private static ResponseMessage EchoAnswer(IRequestMessage request, HttpStatusCode status, Echo echo)
    {
        var authorization = request.Headers!.First(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value.ToString()!;
        var credential = authorization[(authorization.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var form = request.Body ?? string.Empty;
        var formSecret = form.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] is "refresh_token" or "code") is { } pair
            ? Uri.UnescapeDataString(pair[1])
            : credential;
        var decoded = authorization.StartsWith("Basic ", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Convert.FromBase64String(credential)) : string.Empty;
        var text = $"request was Authorization: {authorization}; body: {form}; bare: {credential} {formSecret}; decoded: {decoded}";
        var requestId = echo switch
        {
            Echo.JsonWithAuthorizationAsRequestId => authorization,
            Echo.JsonWithFormSecretAsRequestId => formSecret,
            _ => credential,
        };

        var body = echo == Echo.PlainText
            ? text
            : JsonSerializer.Serialize(new Dictionary<string, object> { ["code"] = 2, ["message"] = text, ["message_detail"] = text });
        return new ResponseMessage
        {
            StatusCode = (int)status,
            Headers = new Dictionary<string, WireMockList<string>>
            {
                ["Content-Type"] = new(echo == Echo.PlainText ? "text/plain" : "application/json"),
                ["x-pinterest-rid"] = new(requestId),
            },
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
    }
}
