using Microsoft.Extensions.Hosting;

namespace Pinterest.Publishing.ProofWorker;

/// <summary>Stops the worker when its standard input ends: the parent closed it (a graceful stop) or died.</summary>
internal sealed class StandardInputShutdown(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (await input.ReadAsync(buffer, stoppingToken) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        lifetime.StopApplication();
    }
}
