using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports every timer created on it, so a test knows a retry delay has started
/// (and how long it is) before it advances the clock. No real time passes.
/// </summary>
internal sealed class ObservableTimeProvider : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public ObservableTimeProvider(DateTimeOffset start) => Fake = new FakeTimeProvider(start);

    public FakeTimeProvider Fake { get; }

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan delta) => Fake.Advance(delta);

    /// <summary>Waits until code under test creates a timer and returns its due time. The timeout only guards against a hang.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken = default)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(TimeSpan.FromSeconds(10));
        return await _timers.Reader.ReadAsync(guard.Token);
    }

    /// <summary>Whether a timer was created and not yet observed.</summary>
    public bool HasPendingTimer => _timers.Reader.Count > 0;
}
