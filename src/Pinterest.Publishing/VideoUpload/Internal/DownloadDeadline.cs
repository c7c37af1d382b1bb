
namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>
/// Cancels a download whose host is silent for too long (<see cref="VideoUploadOptions.DownloadIdleTimeout"/>) or
/// sends too slowly on average (<see cref="VideoUploadOptions.MinDownloadTimeout"/> plus the bytes received at
/// <see cref="VideoUploadOptions.MinDownloadBytesPerSecond"/>). Only time spent waiting on the host counts: the clock
/// runs from construction (the wait for the response headers) and between <see cref="Restart"/> and
/// <see cref="Pause"/> around each read, and stops while the bytes are written locally. Used by one download at a
/// time, from one flow of control.
/// </summary>
/// <remarks>
/// The silence bound alone lets a host that sends one byte just before every idle timeout hold a publish forever; the
/// rate bound stops that, while a download at the minimum rate or faster, of any size, never trips it.
/// </remarks>
internal sealed class DownloadDeadline : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _idleTimeout;
    private readonly double _graceSeconds;
    private readonly double _minBytesPerSecond;
    private readonly CancellationTokenSource _expired;
    private readonly CancellationTokenSource _linked;
    private TimeSpan _hostTime;
    private long? _runningSince;
    private long _received;
    private bool _rateArmed;

    /// <summary>Starts the clock at once: the wait for the response headers counts as the host's time too.</summary>
    public DownloadDeadline(VideoUploadOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        RequireInRange(options.DownloadIdleTimeout, nameof(VideoUploadOptions.DownloadIdleTimeout));
        RequireInRange(options.MinDownloadTimeout, nameof(VideoUploadOptions.MinDownloadTimeout));
        if (options.MinDownloadBytesPerSecond < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                options.MinDownloadBytesPerSecond,
                "VideoUploadOptions.MinDownloadBytesPerSecond must be at least 1.");
        }

        _timeProvider = timeProvider;
        _idleTimeout = options.DownloadIdleTimeout;
        _graceSeconds = options.MinDownloadTimeout.TotalSeconds;
        _minBytesPerSecond = options.MinDownloadBytesPerSecond;
        // Built on the TimeProvider so that CancelAfter below runs on the same (possibly fake) clock.
        _expired = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _expired.Token);
        Restart(received: 0);
    }

    /// <summary>The longest timeout accepted; timers cannot run much past 49 days, and no host needs a day.</summary>
    public static TimeSpan MaxTimeout => Pinterest.Publishing.Internal.Options.OptionLimits.MaxTimeout;

    public TimeSpan IdleTimeout => _idleTimeout;

    /// <summary>Cancelled by the caller's token, by the host's silence or by its slowness.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Whether the host (not the caller) cancelled <see cref="Token"/>.</summary>
    public bool HasElapsed => _expired.IsCancellationRequested;

    /// <summary>Whether <see cref="HasElapsed"/> is due to the average rate rather than a single silence.</summary>
    public bool WasTooSlow => _expired.IsCancellationRequested && _rateArmed;

    /// <summary>The bytes received when the clock last restarted.</summary>
    public long Received => _received;

    /// <summary>The time spent waiting on the host so far.</summary>
    public TimeSpan HostTime => _runningSince is { } since ? _hostTime + _timeProvider.GetElapsedTime(since) : _hostTime;

    /// <summary>Starts (or continues) the clock before waiting on the host, having received <paramref name="received"/> bytes so far.</summary>
    public void Restart(long received)
    {
        if (_expired.IsCancellationRequested)
        {
            // Keep the reason the deadline fired with.
            return;
        }

        var now = _timeProvider.GetTimestamp();
        if (_runningSince is { } since)
        {
            _hostTime += _timeProvider.GetElapsedTime(since, now);
        }

        _runningSince = now;
        _received = received;

        // In seconds as doubles: MaxDownloadBytes at 1 byte per second does not fit a TimeSpan.
        var allowance = _graceSeconds + (received / _minBytesPerSecond) - _hostTime.TotalSeconds;
        _rateArmed = allowance < _idleTimeout.TotalSeconds;
        // Rounded up to the millisecond timers count in, so a host is never cut a fraction early.
        _expired.CancelAfter(_rateArmed ? TimeSpan.FromMilliseconds(Math.Ceiling(Math.Max(allowance, 0) * 1000)) : _idleTimeout);
    }

    /// <summary>Stops the clock while the library itself is busy (writing to disk), not the host.</summary>
    public void Pause()
    {
        if (_runningSince is { } since)
        {
            _hostTime += _timeProvider.GetElapsedTime(since);
            _runningSince = null;
        }

        if (!_expired.IsCancellationRequested)
        {
            _expired.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _expired.Dispose();
    }

    private static void RequireInRange(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > MaxTimeout)
        {
            throw new ArgumentOutOfRangeException(name, value, $"VideoUploadOptions.{name} must be positive and at most {MaxTimeout}.");
        }
    }
}
