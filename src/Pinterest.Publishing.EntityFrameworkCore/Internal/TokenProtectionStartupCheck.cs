using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// Builds the token store when the host starts, so that Data Protection registered without a persisted key ring (the
/// store refuses to encrypt tokens with it) stops the host at start, not at the first connect or refresh.
/// </summary>
internal sealed class TokenProtectionStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IPinterestTokenStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
