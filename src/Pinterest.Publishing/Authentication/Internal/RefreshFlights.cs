using System.Collections.Concurrent;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>The refresh running for each account: at most one at a time, shared by every caller that needs it.</summary>
/// <remarks>
/// A refresh runs once per account at a time: callers that need one while it runs await the same task, each under its
/// own cancellation token, while the refresh itself runs under none, so one caller giving up never fails the others.
/// The task is forgotten as soon as it ends, so a failed refresh is retried by the next caller.
/// </remarks>
internal sealed class RefreshFlights
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PinterestToken>>> _flights = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for the account's running flight, or starts <paramref name="flight"/> as that flight when none runs.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="flight">
    /// The refresh, started at most once per call and only when no flight of the account runs. It is given no
    /// cancellation token: it belongs to every waiter, and an abandoned refresh may already have rotated the refresh
    /// token at Pinterest, so it must run to the end.
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
            return await flight().ConfigureAwait(false);
        }
        finally
        {
            // Forget the flight (only this one): the next caller re-reads the store and, after a failure, tries again.
            _flights.TryRemove(KeyValuePair.Create(accountId, self));
        }
    }
}
