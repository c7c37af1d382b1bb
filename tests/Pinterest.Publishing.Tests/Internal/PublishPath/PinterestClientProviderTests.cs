using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// The provider builds the retry pipeline once for all its clients, and again only if the retry settings change; every
/// client shares the one token manager and token refresher the container holds.
/// </summary>
public sealed class PinterestClientProviderTests
{
    [Fact]
    public async Task Clients_share_one_retry_pipeline_that_still_retries()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var provider = h.Services.GetRequiredService<PinterestClientProvider>();

        var first = provider.ForAccount(PublishingHarness.AccountId);
        var second = provider.ForAccount(PublishingHarness.AccountId);
        Assert.NotNull(first.Transport.RetryPolicy.ResiliencePipeline);
        Assert.Same(first.Transport.RetryPolicy.ResiliencePipeline, second.Transport.RetryPolicy.ResiliencePipeline);

        h.Emulator.InjectFault("GET /v5/boards/*", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable), count: 2);
        var board = await h.DriveAsync(second.Boards.GetAsync(h.Board.Id), TimeSpan.FromSeconds(1));
        Assert.Equal(h.Board.Id, board.Id);
    }

    [Fact]
    public async Task Retry_settings_changed_after_start_apply_to_the_next_clients()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var provider = h.Services.GetRequiredService<PinterestClientProvider>();
        var before = provider.ForAccount(PublishingHarness.AccountId);

        h.Services.GetRequiredService<IOptions<PinterestPublishingOptions>>().Value.Retry.MaxRetries = 0;
        var after = provider.ForAccount(PublishingHarness.AccountId);

        Assert.Null(after.Transport.RetryPolicy.ResiliencePipeline);
        Assert.NotNull(before.Transport.RetryPolicy.ResiliencePipeline);
        h.Emulator.InjectFault("GET /v5/boards/*", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        var error = await Assert.ThrowsAsync<PinterestApiException>(() => h.DriveAsync(after.Boards.GetAsync(h.Board.Id), TimeSpan.FromSeconds(1)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task Every_client_from_the_container_shares_its_one_token_manager_and_the_token_refresher_it_registers()
    {
        var refresher = new FakeTokenRefresher(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)))
        {
            Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        await using var h = await PublishingHarness.CreateAsync(configureServices: s => s.AddSingleton<IPinterestTokenRefresher>(refresher), storeToken: false);
        await h.Services.GetRequiredService<IPinterestTokenStore>().StoreTokenAsync(
            PublishingHarness.AccountId,
            new PinterestToken { AccessToken = "AT-secret-0", ExpiresAt = h.Time.GetUtcNow().AddMinutes(-1), RefreshToken = "RT-secret-0" });

        // Two clients resolved apart, and one of the publisher's: every lookup joins the one refresh.
        var first = h.Services.GetRequiredService<PinterestClient>().ForAccount(PublishingHarness.AccountId);
        var second = h.Services.GetRequiredService<PinterestClient>().ForAccount(PublishingHarness.AccountId);
        var third = h.Services.GetRequiredService<PinterestClientProvider>().ForAccount(PublishingHarness.AccountId);
        Assert.NotSame(first, second);
        var lookups = new[] { first, second, third }.Select(c => c.Credential!.GetAccessTokenAsync(CancellationToken.None).AsTask()).ToArray();
        await refresher.CallStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        refresher.Gate.SetResult();

        Assert.All(await Task.WhenAll(lookups), token => Assert.Equal("AT-secret-1", token));
        Assert.Equal(1, refresher.Calls);
        Assert.Same(h.Services.GetRequiredService<PinterestTokenManager>(), h.Services.GetRequiredService<PinterestTokenManager>());
    }

    [Fact]
    public async Task The_token_refresher_is_a_service_of_its_own_not_the_client_provider()
    {
        await using var h = await PublishingHarness.CreateAsync();

        var refresher = h.Services.GetRequiredService<IPinterestTokenRefresher>();

        Assert.IsType<PinterestTokenRefresher>(refresher);
        Assert.Same(refresher, h.Services.GetRequiredService<IPinterestTokenRefresher>());
        Assert.IsNotAssignableFrom<IPinterestTokenRefresher>(h.Services.GetRequiredService<PinterestClientProvider>());
    }

    [Fact]
    public async Task The_token_manager_logs_under_the_authentication_category_as_it_does_without_the_container()
    {
        var logs = new FakeLogCollector();
        await using var h = await PublishingHarness.CreateAsync(configureServices: s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))));
        h.Time.Advance(h.Emulator.Options.AccessTokenLifetime + TimeSpan.FromMinutes(1));

        await h.Services.GetRequiredService<PinterestClientProvider>().ForAccount(PublishingHarness.AccountId).Credential!.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(1, h.Emulator.TokenRefreshCount);
        var refreshLogs = logs.GetSnapshot().Where(r => r.Id.Id is 2001 or 2002).ToArray();
        Assert.Equal(2, refreshLogs.Length);
        Assert.All(refreshLogs, r => Assert.Equal("Pinterest.Publishing.Authentication", r.Category));
    }
}
