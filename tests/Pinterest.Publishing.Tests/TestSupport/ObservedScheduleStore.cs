using System.Collections.Concurrent;
using System.Threading.Channels;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>An <see cref="InMemoryPinScheduleStore"/> that reports each claim's size and each completion as it happens.</summary>
internal sealed class ObservedScheduleStore : IPinScheduleStore
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<(ScheduledPin Pin, PinPublishOutcome Outcome)> _completed = Channel.CreateUnbounded<(ScheduledPin, PinPublishOutcome)>();

    public InMemoryPinScheduleStore Inner { get; } = new();

    /// <summary>The <c>maxCount</c> of every claim, in order.</summary>
    public ConcurrentQueue<int> ClaimSizes { get; } = new();

    /// <summary>Every completion, in order.</summary>
    public ConcurrentQueue<(ScheduledPin Pin, PinPublishOutcome Outcome)> Completions { get; } = new();

    public int Unclaimed => Inner.GetPending().Count(p => p.LeaseToken is null);

    public ScheduledPin Schedule(string accountId, string title, DateTimeOffset dueAt) =>
        Inner.Schedule(new PublishPinRequest { AccountId = accountId, BoardId = "1", Title = title, Media = PinMedia.Image(new Uri("https://img.example.com/a.jpg")) }, dueAt);

    /// <summary>Waits (in real time, bounded) for the next completion.</summary>
    public async Task<(ScheduledPin Pin, PinPublishOutcome Outcome)> NextCompletedAsync() =>
        await _completed.Reader.ReadAsync().AsTask().WaitAsync(SafetyTimeout);

    public Task<IReadOnlyList<ScheduledPin>> ClaimDueAsync(DateTimeOffset now, int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ClaimSizes.Enqueue(maxCount);
        return Inner.ClaimDueAsync(now, maxCount, lease, cancellationToken);
    }

    public async Task<bool> CompleteAsync(ScheduledPin pin, PinPublishOutcome outcome, CancellationToken cancellationToken = default)
    {
        var applied = await Inner.CompleteAsync(pin, outcome, cancellationToken);
        Completions.Enqueue((pin, outcome));
        _completed.Writer.TryWrite((pin, outcome));
        return applied;
    }
}
