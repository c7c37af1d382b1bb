using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.TestSupport;

namespace Pinterest.Publishing.Tests.Authentication;

/// <summary>
/// Token lifetimes and refresh failures end to end: the library wired through dependency injection onto the emulator,
/// both on one fake clock. Pinterest's access tokens last 30 days; its continuous refresh tokens 60, renewed by each refresh.
/// </summary>
public sealed class TokenLifetimeEndToEndTests
{
    private static readonly PinSchedulingOptions Scheduling = new();

    /// <summary>Publishes once at day 20 (no refresh: the access token is good), then leaves the account idle for 50 days.</summary>
    private static async Task IdleFromDay20ToDay70Async(PublishingHarness h, Func<Task>? eachDay)
    {
        h.Time.Advance(TimeSpan.FromDays(20));
        await h.Publisher.PublishAsync(h.ImageRequest("Day 20"));
        Assert.Equal(0, h.Emulator.TokenRefreshCount);
        for (var day = 21; day <= 70; day++)
        {
            h.Time.Advance(TimeSpan.FromDays(1));
            if (eachDay is not null)
            {
                await eachDay();
            }
        }
    }

    [Fact]
    public async Task An_account_idle_for_50_days_is_kept_alive_and_publishes_without_reconnecting()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var keepAlive = h.Services.GetRequiredService<IPinterestAccountKeepAlive>();
        var results = new List<PinterestKeepAliveResult>();

        // The host's daily sweep; no publish and no other call in between. The access token lapses at day 30.
        await IdleFromDay20ToDay70Async(h, async () => results.Add(await keepAlive.KeepAliveAsync(PublishingHarness.AccountId)));

        var published = await h.Publisher.PublishAsync(h.ImageRequest("Day 70"));

        Assert.NotEmpty(published.PinId);
        Assert.Equal(2, h.Emulator.Pins.Count);

        // Renewed the day its access token lapsed (day 30, 30 days after it was issued) and 30 days later.
        var renewedOn = results.Select((r, i) => (Result: r, Day: 21 + i)).Where(x => x.Result == PinterestKeepAliveResult.Renewed).Select(x => x.Day);
        Assert.Equal([30, 60], renewedOn);
        Assert.Equal(2, h.Emulator.TokenRefreshCount);
        var stored = await h.Services.GetRequiredService<IPinterestTokenStore>().GetTokenAsync(PublishingHarness.AccountId);
        Assert.True(stored!.RefreshTokenExpiresAt > h.Time.GetUtcNow().AddDays(30));
    }

    [Fact]
    public async Task Without_renewal_an_account_idle_from_day_30_to_day_60_lapses()
    {
        // The control: the same account and the same idle days without the keep-alive.
        await using var h = await PublishingHarness.CreateAsync();
        await IdleFromDay20ToDay70Async(h, eachDay: null);

        var error = await Assert.ThrowsAsync<PinterestReauthorizationRequiredException>(() => h.Publisher.PublishAsync(h.ImageRequest("Day 70")));

        Assert.Equal(PublishingHarness.AccountId, error.AccountId);
        Assert.Single(h.Emulator.Pins);
        var refresh = Assert.Single(h.Emulator.Requests, r => r.Path == "/v5/oauth/token");
        Assert.Equal(401, refresh.StatusCode);
    }

    [Fact]
    public async Task A_refresh_whose_answer_was_lost_is_not_resent_and_the_publish_is_retried_not_reauthorized()
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Time.Advance(TimeSpan.FromDays(31));

        // Pinterest rotates the refresh token, then the answer is lost.
        h.Emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, afterProcessing: true));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => h.DriveAsync(h.Publisher.PublishAsync(h.ImageRequest()), TimeSpan.FromMilliseconds(250)));

        Assert.IsNotType<PinterestReauthorizationRequiredException>(error);
        var apiError = Assert.IsAssignableFrom<PinterestApiException>(error);
        Assert.True(apiError.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, apiError.StatusCode);
        Assert.Equal(PinPublishOutcomeKind.RetryAt, PinPublishOutcomeMapper.FromException(error, 1, h.Time.GetUtcNow(), Scheduling).Kind);
        Assert.Equal(1, h.Emulator.TokenRefreshCount);
        Assert.Single(h.Emulator.Requests, r => r.Path == "/v5/oauth/token");
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_rotated_client_secret_ends_the_scheduled_pin_as_the_apps_error_and_no_account_is_marked_for_reconnecting()
    {
        // Another instance of the app was updated with the new secret: this one still sends the old one.
        await using var h = await PublishingHarness.CreateAsync(services =>
            services.PostConfigure<PinterestPublishingOptions>(o => o.ClientSecret = "the-old-secret"));
        var tokens = h.Services.GetRequiredService<IPinterestTokenStore>();
        var before = await tokens.GetTokenAsync(PublishingHarness.AccountId);
        h.Time.Advance(TimeSpan.FromDays(31));
        var store = new InMemoryPinScheduleStore();
        var dispatcher = new PinScheduleDispatcher(store, h.Publisher, Options.Create(Scheduling), h.Time, NullLoggerFactory.Instance);
        var scheduled = store.Schedule(h.ImageRequest("Old secret"), h.Time.GetUtcNow());

        var error = await Assert.ThrowsAsync<PinterestAppCredentialsException>(() => h.Publisher.PublishAsync(h.ImageRequest()));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Contains("Pinterest:ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-old-secret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(h.Emulator.Options.ClientSecret, error.ToString(), StringComparison.Ordinal);
        var outcome = Assert.IsType<PinPublishOutcome.AppCredentialsRejected>(store.GetOutcome(scheduled.Id));
        Assert.True(outcome.IsFinal);
        Assert.DoesNotContain("the-old-secret", outcome.Reason, StringComparison.Ordinal);

        // Each refresh was sent once (never retried) and answered 401 code 2; the account's token is left as it was.
        Assert.All(h.Emulator.Requests.Where(r => r.Path == "/v5/oauth/token"), r => Assert.Equal(401, r.StatusCode));
        Assert.Equal(2, h.Emulator.Requests.Count(r => r.Path == "/v5/oauth/token"));
        Assert.Equal(before, await tokens.GetTokenAsync(PublishingHarness.AccountId));
        Assert.Empty(h.Emulator.Pins);
    }

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://app.example.com/pinterest/callback?next=%2Fhome&x=%7E")]
    public async Task A_code_is_exchanged_with_the_redirect_uri_exactly_as_registered(string registered)
    {
        await using var h = await PublishingHarness.CreateAsync(storeToken: false);
        var oauth = h.Services.GetRequiredService<Pinterest.Publishing.Api.PinterestClient>().OAuth;
        var first = h.Emulator.CreateAuthorizationCode(h.User, new Uri(registered));
        var second = h.Emulator.CreateAuthorizationCode(h.User, new Uri(registered));

        var fromString = await oauth.ExchangeCodeAsync(first, registered);
        var fromUri = await oauth.ExchangeCodeAsync(second, new Uri(registered));

        Assert.StartsWith("pina_", fromString.AccessToken, StringComparison.Ordinal);
        Assert.StartsWith("pina_", fromUri.AccessToken, StringComparison.Ordinal);
        Assert.Equal(2, h.Emulator.AuthorizationCodeExchangeCount);
    }
}
