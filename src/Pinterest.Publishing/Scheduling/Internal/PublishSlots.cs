
namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// The dispatcher's publish slots: reserved before a claim (so no more Pins are leased than can start at once) and
/// released when a Pin's outcome is recorded. Every release wakes whoever waits for a free slot.
/// </summary>
internal sealed class PublishSlots(int capacity)
{
    private readonly object _gate = new();
    private int _inFlight;
    private TaskCompletionSource _released = NewSignal();

    /// <summary>How many slots are free now, and a task that completes at the next release after this snapshot.</summary>
    public (int Free, Task NextRelease) Snapshot()
    {
        lock (_gate)
        {
            return (Math.Max(capacity - _inFlight, 0), _released.Task);
        }
    }

    public void Reserve(int count)
    {
        lock (_gate)
        {
            _inFlight += count;
        }
    }

    /// <summary>Frees the slots of publishes that ended, waking whoever waits for a free slot.</summary>
    public void Release(int count)
    {
        if (count <= 0)
        {
            return;
        }

        TaskCompletionSource released;
        lock (_gate)
        {
            _inFlight -= count;
            released = _released;
            _released = NewSignal();
        }

        released.TrySetResult();
    }

    /// <summary>
    /// Frees slots reserved for a claim that came back short. Wakes no one: the claimer itself freed them and, the
    /// store having nothing more due, must wait for the poll interval or a publish to end, not claim again at once.
    /// </summary>
    public void Unreserve(int count)
    {
        lock (_gate)
        {
            _inFlight -= count;
        }
    }

    /// <summary>Completes once every reserved slot has been released.</summary>
    public async Task WhenAllReleasedAsync()
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_inFlight <= 0)
                {
                    return;
                }

                next = _released.Task;
            }

            await next.ConfigureAwait(false);
        }
    }

    // Continuations run asynchronously: a release must never run the claiming loop on the releasing publish's thread.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
