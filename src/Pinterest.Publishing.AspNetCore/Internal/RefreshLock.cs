using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>Runs a step of the connect endpoints under the account's refresh lock (<see cref="IPinterestAccountCoordinator.AcquireRefreshLockAsync"/>).</summary>
internal static class RefreshLock
{
    /// <summary>Runs <paramref name="step"/>, which has no result, like <see cref="RunAsync{T}"/>.</summary>
    public static Task RunAsync(IPinterestAccountCoordinator coordinator, string accountId, ILogger logger, Func<Task> step, CancellationToken cancellationToken) =>
        RunAsync(
            coordinator,
            accountId,
            logger,
            async () =>
            {
                await step().ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Takes the lock (waiting observes <paramref name="cancellationToken"/>), runs <paramref name="step"/> and gives the
    /// lock back. A failure to give it back is logged, not thrown: the step is done by then (a token stored, or removed
    /// and revoked), and a coordinator over a database lets the lock go with its connection.
    /// </summary>
    public static async Task<T> RunAsync<T>(IPinterestAccountCoordinator coordinator, string accountId, ILogger logger, Func<Task<T>> step, CancellationToken cancellationToken)
    {
        var held = await coordinator.AcquireRefreshLockAsync(accountId, cancellationToken).ConfigureAwait(false);
        try
        {
            return await step().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await held.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                ConnectLog.RefreshLockReleaseFailed(logger, accountId, ex.GetType().Name);
            }
        }
    }
}
