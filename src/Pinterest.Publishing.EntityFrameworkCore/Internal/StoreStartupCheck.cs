using Microsoft.Extensions.Hosting;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// Checks the context's provider and model when the host starts (registered first among the hosted services), so an
/// unsupported provider or a missing <c>ApplyPinterestPublishing()</c> stops the host at start, not at the first publish.
/// </summary>
internal sealed class StoreStartupCheck(PinterestDbContexts contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await contexts.CheckAsync(cancellationToken).ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
