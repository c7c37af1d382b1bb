using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// The refresh running for each account: at most one at a time in this process, shared by every caller that needs it,
/// and run under the account's refresh lock (<see cref="IPinterestAccountCoordinator.AcquireRefreshLockAsync"/>) so that
/// at most one runs across every instance that shares the coordinator.
/// </summary>
/// <remarks>
/// <para>
/// A refresh runs once per account at a time: callers that need one while it runs await the same task, each under its
/// own cancellation token, while the refresh itself runs under none, so one caller giving up never fails the others.
/// The task is forgotten as soon as it ends, so a failed refresh is retried by the next caller.
/// </para>
/// <para>
/// The flight begins by reading the token store: taken first, the lock makes that read see what another instance's
/// flight stored, so a token rotated there is used instead of refreshed again with its spent refresh token.
/// </para>
/// </remarks>
internal sealed class RefreshFlights
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PinterestToken>>> _flights = new(StringComparer.Ordinal);
    private readonly IPinterestAccountCoordinator _coordinator;
    private readonly ILogger _logger;

    /// <param name="coordinator">Holds the accounts' refresh locks.</param>
    /// <param name="logger">Where the layer logs.</param>
    public RefreshFlights(IPinterestAccountCoordinator coordinator, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(logger);
        _coordinator = coordinator;
        _logger = logger;
    }

    /// <summary>
    /// Waits for the account's running flight, or starts <paramref name="flight"/> as that flight when none runs.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="flight">
    /// The refresh, started at most once per call and only when no flight of the account runs, with the account's
    /// refresh lock held. It is given no cancellation token: it belongs to every waiter, and an abandoned refresh may
    /// already have rotated the refresh token at Pinterest, so it must run to the end.
    /// </param>
    /// <param name="cancellationToken">Stops this caller's wait, never the flight.</param>
    public Task<PinterestToken> JoinAsync(string accountId, Func<Task<PinterestToken>> flight, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Lazy<Task<PinterestToken>>? created = null;
        created = new Lazy<Task<PinterestToken>>(() => RunAsync(accountId, flight, created!));
        var running = _flights.GetOrAdd(accountId, created);

        // WaitAsync lets this caller stop waiting without cancelling the flight others share.
        return running.Value.WaitAsync(cancellationToken);
    }

    private async Task<PinterestToken> RunAsync(string accountId, Func<Task<PinterestToken>> flight, Lazy<Task<PinterestToken>> self)
    {
        try
        {
            // Continue on the thread pool so the flight never runs on the thread, or the synchronization context, of the
            // caller that happened to start it.
            await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

            // No caller's token here either: the flight waits for another instance's refresh to end, whoever gives up.
            var held = await _coordinator.AcquireRefreshLockAsync(accountId, CancellationToken.None).ConfigureAwait(false);
            try
            {
                return await flight().ConfigureAwait(false);
            }
            finally
            {
                await ReleaseAsync(accountId, held).ConfigureAwait(false);
            }
        }
        finally
        {
            // Forget the flight (only this one): the next caller re-reads the store and, after a failure, tries again.
            _flights.TryRemove(KeyValuePair.Create(accountId, self));
        }
    }

    /// <summary>
    /// Releases the lock. A release that fails does not replace the flight's outcome: the token is stored by then, and
    /// a coordinator over a database lets a lock go with its connection.
    /// </summary>
    private async Task ReleaseAsync(string accountId, IAsyncDisposable held)
    {
        try
        {
            await held.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AuthenticationLog.RefreshLockReleaseFailed(_logger, accountId, ex);
        }
    }
}
