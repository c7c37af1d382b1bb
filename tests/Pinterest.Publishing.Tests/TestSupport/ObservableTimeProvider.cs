using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it (every <c>Task.Delay</c> and timed
/// <see cref="CancellationTokenSource"/>), so a test knows the code under test has started waiting (and for how long)
/// before it advances the clock. No real time passes; the real-time waits here only guard against a hang.
/// </summary>
internal sealed class ObservableTimeProvider : TimeProvider
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();
    private readonly Lock _gate = new();
    private readonly List<(TimeSpan DueTime, TaskCompletionSource Started)> _waiters = [];

    public ObservableTimeProvider(DateTimeOffset? start = null) =>
        Fake = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeTimeProvider Fake { get; }

    public DateTimeOffset Start => Fake.Start;

    public TimeSpan Elapsed => Fake.GetUtcNow() - Fake.Start;

    /// <summary>Every timer's due time, in creation order.</summary>
    public ConcurrentQueue<TimeSpan> AllTimers { get; } = new();

    /// <summary>Whether a timer was created and not yet observed by <see cref="NextTimerAsync"/>.</summary>
    public bool HasPendingTimer => _timers.Reader.Count > 0;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            AllTimers.Enqueue(dueTime);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].DueTime == dueTime)
                {
                    _waiters[i].Started.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    /// <summary>Forgets the timers created so far (for example an upload's timeout) before driving a later wait.</summary>
    public void DiscardPendingTimers()
    {
        while (_timers.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits until the code under test creates its next timer, and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken = default) =>
        await _timers.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(SafetyTimeout, cancellationToken);

    /// <summary>
    /// Completes once a timer due after exactly <paramref name="dueTime"/> has been created (now or earlier): the code
    /// under test is waiting on it, so advancing the clock by less cannot end that wait, and by as much does.
    /// </summary>
    public Task WhenTimerStartedAsync(TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (AllTimers.Contains(dueTime))
            {
                return Task.CompletedTask;
            }

            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, started));
            return started.Task.WaitAsync(SafetyTimeout);
        }
    }

    /// <summary>
    /// Runs <paramref name="task"/> to its end, advancing the fake clock by each timer's due time as soon as the code
    /// under test starts waiting on it.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> task)
    {
        while (true)
        {
            var timer = _timers.Reader.ReadAsync().AsTask();
            var done = await Task.WhenAny(task, timer).WaitAsync(SafetyTimeout);
            if (done == task)
            {
                return await task;
            }

            Advance(await timer);
        }
    }
}
