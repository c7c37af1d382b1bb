using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.Chaos;

public class ConcurrentRefreshTests
{
    private const int Publishes = 200;

    /// <param name="storeKnowsItExpired">
    /// <see langword="true"/>: the stored expiry has passed, so every caller refreshes before use.
    /// <see langword="false"/>: the store still believes the token valid, so every caller meets a 401 and refreshes after it.
    /// </param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_hundred_concurrent_publishes_with_an_expired_token_refresh_once_and_never_reuse_the_old_refresh_token(bool storeKnowsItExpired)
    {
        await using var h = await PublishingHarness.CreateAsync(
            configureOptions: options => options.MaxConcurrentPublishesPerAccount = Publishes,
            storeToken: false);
        var store = h.Services.GetRequiredService<IPinterestTokenStore>();
        var old = h.Emulator.IssueTokens(h.User);
        await store.StoreTokenAsync(PublishingHarness.AccountId, storeKnowsItExpired ? old : old with { ExpiresAt = old.ExpiresAt.AddDays(365) });
        var image = h.Host("large-1000x1500.jpg", "image/jpeg");

        h.Time.Advance(h.Emulator.Options.AccessTokenLifetime + TimeSpan.FromMinutes(1));
        var publishes = Enumerable.Range(0, Publishes)
            .Select(i => Task.Run(() => h.Publisher.PublishAsync(new PublishPinRequest
            {
                AccountId = PublishingHarness.AccountId,
                BoardId = h.Board.Id,
                Title = $"Concurrent {i}",
                Media = PinMedia.Image(image),
            })))
            .ToArray();
        var results = await Task.WhenAll(publishes).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, h.Emulator.TokenRefreshCount);
        Assert.Equal(Publishes, results.Select(r => r.PinId).Distinct().Count());
        Assert.Equal(Publishes, h.Emulator.Pins.Count);

        // The rotated pair is what the store holds now.
        var stored = await store.GetTokenAsync(PublishingHarness.AccountId);
        Assert.NotNull(stored);
        Assert.NotEqual(old.RefreshToken, stored.RefreshToken);
        Assert.NotEqual(old.AccessToken, stored.AccessToken);

        // One token call, carrying the old refresh token; the old one is never sent again (nor anywhere else).
        var requests = h.Emulator.Requests;
        var tokenCalls = requests.Where(r => r.Path == "/v5/oauth/token").ToArray();
        var refreshCall = Assert.Single(tokenCalls);
        Assert.Equal(old.RefreshToken, FormValue(refreshCall.BodyText, "refresh_token"));
        Assert.Equal("refresh_token", FormValue(refreshCall.BodyText, "grant_type"));
        Assert.Single(requests, r => r.BodyText.Contains(old.RefreshToken!, StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.Headers.Values.Any(v => v.Contains(old.RefreshToken!, StringComparison.Ordinal)));

        // Every create carried the new access token, except those rejected with the old one before the refresh.
        var creates = requests.Where(r => r.Method == "POST" && r.Path == "/v5/pins").ToArray();
        Assert.All(creates.Where(r => r.StatusCode == 201), r => Assert.Equal(stored.AccessToken, r.AccessToken));
        Assert.All(creates.Where(r => r.AccessToken == old.AccessToken), r => Assert.Equal(401, r.StatusCode));
        Assert.Equal(Publishes, creates.Count(r => r.StatusCode == 201));
        if (storeKnowsItExpired)
        {
            Assert.DoesNotContain(creates, r => r.AccessToken == old.AccessToken);
        }
        else
        {
            Assert.Contains(creates, r => r.StatusCode == 401);
        }
    }

    private static string? FormValue(string form, string name) =>
        form.Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(parts => Uri.UnescapeDataString(parts[0]) == name)
            .Select(parts => Uri.UnescapeDataString(parts.Length > 1 ? parts[1].Replace('+', ' ') : string.Empty))
            .SingleOrDefault();
}
