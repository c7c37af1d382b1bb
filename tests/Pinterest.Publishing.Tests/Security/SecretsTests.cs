using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Security;

/// <summary>
/// Runs every kind of publish, a token refresh and the error paths with logging at Trace, then searches every log
/// entry (message, state values, scopes, exception) and every exception for the secrets the run handled.
/// </summary>
public class SecretsTests
{
    private const string SignedQuery = "?X-Amz-Signature=secretsig7f3a9c&X-Amz-Credential=ASIASECRETCRED42";
    private static readonly string[] SignedQueryParts = ["secretsig7f3a9c", "ASIASECRETCRED42", "X-Amz-Signature", "X-Amz-Credential"];

    [Fact]
    public async Task No_token_client_secret_upload_parameter_or_signed_query_reaches_a_log_or_an_exception()
    {
        var logs = new CapturingLoggerProvider();
        var responses = new ConcurrentQueue<(string Path, string Body)>();
        await using var h = await PublishingHarness.CreateAsync(
            services =>
            {
                services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
                services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => new ResponseRecorder(responses));
            },
            storeToken: false);
        var store = h.Services.GetRequiredService<IPinterestTokenStore>();
        var firstToken = h.Emulator.IssueTokens(h.User);
        await store.StoreTokenAsync(PublishingHarness.AccountId, firstToken);
        var exceptions = new List<Exception>();
        var results = new List<PublishPinResult>();

        async Task Run(PublishPinRequest request)
        {
            try
            {
                results.Add(await h.DriveAsync(h.Publisher.PublishAsync(request), TimeSpan.FromSeconds(1)));
            }
            catch (Exception ex)
            {
                exceptions.Add(ex);
            }
        }

        var jpeg = Signed(h.Host("large-1000x1500.jpg", "image/jpeg"));
        var png = Signed(h.Host("large-1000x1500.png", "image/png"));
        var video = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", "video-5s.mp4");

        // The access token has expired: the first publish refreshes it (and rotates the refresh token).
        h.Time.Advance(h.Emulator.Options.AccessTokenLifetime + TimeSpan.FromMinutes(1));
        await Run(Request(h, "Image", PinMedia.Image(jpeg)));
        await Run(Request(h, "Carousel", PinMedia.Carousel(new CarouselItem(jpeg), new CarouselItem(png))));
        await Run(Request(h, "Video", PinMedia.Video(VideoSource.FromFile(video), VideoCover.FromUrl(png))));
        Assert.Equal(3, results.Count);
        Assert.Equal(1, h.Emulator.TokenRefreshCount);

        // Error paths: a 400 on create, an ambiguous 503, a refused upload, an upload reset, an unreachable signed URL,
        // and finally a refresh token Pinterest no longer accepts.
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.BadRequest, 1, "Invalid parameters."));
        await Run(Request(h, "Bad request", PinMedia.Image(jpeg)));
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        await Run(Request(h, "Ambiguous", PinMedia.Image(jpeg)));
        h.Emulator.InjectFault("POST /emulator-upload/*", EmulatorFault.Status(HttpStatusCode.Forbidden), count: 10);
        await Run(Request(h, "Upload refused", PinMedia.Video(VideoSource.FromFile(video))));
        h.Emulator.ClearFaults();
        h.Emulator.InjectFault("POST /emulator-upload/*", EmulatorFault.ConnectionReset(), count: 10);
        await Run(Request(h, "Upload reset", PinMedia.Video(VideoSource.FromFile(video))));
        h.Emulator.ClearFaults();
        await Run(Request(h, "Unreachable", PinMedia.Image(Signed(new Uri(h.Emulator.BaseAddress, "media/missing.jpg")))));
        h.Emulator.RevokeTokens(h.User);
        h.Time.Advance(h.Emulator.Options.AccessTokenLifetime + TimeSpan.FromMinutes(1));
        await Run(Request(h, "Revoked", PinMedia.Image(jpeg)));

        Assert.Collection(
            exceptions,
            e => Assert.IsType<PinterestApiException>(e),
            e => Assert.IsType<PinterestPublishOutcomeUnknownException>(e),
            e => Assert.IsAssignableFrom<PinterestException>(e),
            e => Assert.IsAssignableFrom<PinterestException>(e),
            e => Assert.IsType<PinPreflightException>(e),
            e => Assert.IsType<PinterestReauthorizationRequiredException>(e));

        var secrets = CollectSecrets(h.Emulator, responses, firstToken, await store.GetTokenAsync(PublishingHarness.AccountId));

        // Everything the library wrote or threw, as text.
        var texts = new List<(string Where, string Text)>();
        texts.AddRange(logs.Entries.Select(e => ("log", e)));
        texts.AddRange(exceptions.Select(e => ("exception", e.ToString())));
        texts.AddRange(exceptions.Select(e => ("outcome", PinPublishOutcomeMapper.FromException(e, 1, h.Time.GetUtcNow(), new PinSchedulingOptions()).Reason)));
        texts.AddRange(exceptions.OfType<PinPreflightException>().SelectMany(e => e.Result.Issues).Select(i => ("issue", i.ToString())));
        texts.Add(("token", firstToken.ToString()));

        // The capture works: the run logged plenty at every level down to Debug, with account ids and Pin ids.
        Assert.True(logs.Entries.Count > 20, $"Only {logs.Entries.Count} log entries.");
        Assert.Contains(logs.Entries, e => e.Contains(PublishingHarness.AccountId, StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Contains(results[0].PinId, StringComparison.Ordinal));

        foreach (var (where, text) in texts)
        {
            foreach (var (kind, secret) in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A {kind} appears in a {where}: {text}");
            }
        }
    }

    [Fact]
    public void A_token_prints_without_its_secrets()
    {
        var token = new PinterestToken
        {
            AccessToken = "pina_access_secret_1234567890",
            RefreshToken = "pinr_refresh_secret_0987654321",
            ExpiresAt = DateTimeOffset.UnixEpoch,
            Scope = "pins:write",
        };

        var text = token.ToString();

        Assert.DoesNotContain("access_secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh_secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("access_secret", (token with { Scope = "x" }).ToString(), StringComparison.Ordinal);
    }

    private static List<(string Kind, string Value)> CollectSecrets(PinterestEmulator emulator, IEnumerable<(string Path, string Body)> responses, PinterestToken first, PinterestToken? last)
    {
        var secrets = new List<(string Kind, string Value)>
        {
            ("client secret", emulator.Options.ClientSecret),
            ("client credential", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.Options.ClientId}:{emulator.Options.ClientSecret}"))),
            ("access token", first.AccessToken),
            ("refresh token", first.RefreshToken!),
        };
        if (last is not null)
        {
            secrets.Add(("access token", last.AccessToken));
            secrets.Add(("refresh token", last.RefreshToken!));
        }

        secrets.AddRange(emulator.Requests.Where(r => r.AccessToken is not null).Select(r => ("access token", r.AccessToken!)));
        secrets.AddRange(SignedQueryParts.Select(p => ("signed query", p)));

        var media = 0;
        foreach (var (path, body) in responses)
        {
            using var json = JsonDocument.Parse(body);
            if (path == "/v5/oauth/token")
            {
                secrets.Add(("access token", json.RootElement.GetProperty("access_token").GetString()!));
                if (json.RootElement.TryGetProperty("refresh_token", out var refresh))
                {
                    secrets.Add(("refresh token", refresh.GetString()!));
                }
            }
            else if (json.RootElement.TryGetProperty("upload_parameters", out var parameters))
            {
                media++;
                foreach (var parameter in parameters.EnumerateObject())
                {
                    var value = parameter.Value.GetString()!;

                    // Public constants of the S3 protocol, not secrets.
                    if (parameter.Name is "x-amz-algorithm" or "Content-Type" or "x-amz-date")
                    {
                        continue;
                    }

                    secrets.Add(($"upload_parameters '{parameter.Name}' value", value));
                }
            }
        }

        // The run really handled the secrets it searches for.
        Assert.True(media >= 3, $"Only {media} media registrations were recorded.");
        Assert.True(secrets.Count(s => s.Kind == "refresh token") >= 2);
        Assert.Contains(secrets, s => s.Kind.Contains("x-amz-signature", StringComparison.Ordinal));
        Assert.Contains(secrets, s => s.Kind.Contains("policy", StringComparison.Ordinal));
        return secrets.Where(s => !string.IsNullOrEmpty(s.Value)).Distinct().ToList();
    }

    private static Uri Signed(Uri url) => new(url.GetLeftPart(UriPartial.Path) + SignedQuery);

    private static PublishPinRequest Request(PublishingHarness h, string title, PinMedia media) => new()
    {
        AccountId = PublishingHarness.AccountId,
        BoardId = h.Board.Id,
        Title = title,
        Media = media,
    };

    /// <summary>Keeps the bodies of token and media-registration answers, where the secrets to look for come from.</summary>
    private sealed class ResponseRecorder(ConcurrentQueue<(string Path, string Body)> responses) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            if (response.IsSuccessStatusCode && request.Method == HttpMethod.Post && path is "/v5/oauth/token" or "/v5/media")
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                responses.Enqueue((path, await response.Content.ReadAsStringAsync(cancellationToken)));
            }

            return response;
        }
    }
}
