namespace Pinterest.Publishing.Media;

/// <summary>
/// Cancels a download when its host sends nothing (no response headers, no body bytes) for a while. The clock is
/// restarted before every read and paused while the bytes are written locally, so only the host's silence counts:
/// a slow but moving download never trips it.
/// </summary>
internal sealed class DownloadIdleTimeout : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _linked;

    /// <summary>Starts the clock at once: the wait for the response headers counts as silence too.</summary>
    public DownloadIdleTimeout(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (timeout <= TimeSpan.Zero || timeout > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeout),
                timeout,
                $"VideoUploadOptions.DownloadIdleTimeout must be positive and at most {MaxTimeout}.");
        }

        _timeout = timeout;
        // Built on the TimeProvider so that CancelAfter below runs on the same (possibly fake) clock.
        _idle = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _idle.Token);
    }

    /// <summary>The longest idle timeout accepted; timers cannot run much past 49 days, and no host needs a day.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromDays(1);

    public TimeSpan Timeout => _timeout;

    /// <summary>Cancelled by the caller's token or by the host's silence.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Whether the host's silence (not the caller) cancelled <see cref="Token"/>.</summary>
    public bool HasElapsed => _idle.IsCancellationRequested;

    /// <summary>Starts a fresh idle window; call before waiting on the host.</summary>
    public void Restart() => _idle.CancelAfter(_timeout);

    /// <summary>Stops the clock while the library itself is busy (writing to disk), not the host.</summary>
    public void Pause() => _idle.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _linked.Dispose();
        _idle.Dispose();
    }
}
