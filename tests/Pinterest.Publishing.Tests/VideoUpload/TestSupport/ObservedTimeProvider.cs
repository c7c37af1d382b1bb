using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Publishing.Tests.VideoUpload.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports every timer created on it (every <c>Task.Delay</c> and timed
/// <see cref="CancellationTokenSource"/>), so a test can advance the clock exactly when the code under test waits.
/// </summary>
public sealed class ObservedTimeProvider : TimeProvider
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>Every timer's due time, in creation order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<TimeSpan> AllTimers { get; } = new();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public DateTimeOffset Start => Fake.Start;

    public TimeSpan Elapsed => Fake.GetUtcNow() - Fake.Start;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        AllTimers.Enqueue(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>Forgets the timers created so far (for example an upload's timeout) before driving a later wait.</summary>
    public void DiscardPendingTimers()
    {
        while (_timers.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits (in real time, bounded) until the code under test creates its next timer, and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync() => await _timers.Reader.ReadAsync().AsTask().WaitAsync(SafetyTimeout);

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
