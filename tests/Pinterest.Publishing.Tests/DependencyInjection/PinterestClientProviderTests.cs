using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Tests.PublishPath;

namespace Pinterest.Publishing.Tests.DependencyInjection;

/// <summary>The provider builds the retry pipeline once for all its clients, and again only if the retry settings change.</summary>
public sealed class PinterestClientProviderTests
{
    [Fact]
    public async Task Clients_share_one_retry_pipeline_that_still_retries()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var provider = h.Services.GetRequiredService<PinterestClientProvider>();

        var first = provider.ForAccount(PublishingHarness.AccountId);
        var second = provider.ForAccount(PublishingHarness.AccountId);
        Assert.NotNull(first.Pipeline.RetryPipeline);
        Assert.Same(first.Pipeline.RetryPipeline, second.Pipeline.RetryPipeline);

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

        Assert.Null(after.Pipeline.RetryPipeline);
        Assert.NotNull(before.Pipeline.RetryPipeline);
        h.Emulator.InjectFault("GET /v5/boards/*", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        var error = await Assert.ThrowsAsync<PinterestApiException>(() => h.DriveAsync(after.Boards.GetAsync(h.Board.Id), TimeSpan.FromSeconds(1)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }
}
