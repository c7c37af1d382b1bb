using System.Collections.Concurrent;
using System.Threading.Channels;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Scheduling.Internal;

/// <summary>
/// A publisher scripted by the draft's title: <c>hang</c> waits until cancelled (or <see cref="EndHangs"/>),
/// <c>gate</c> waits for <see cref="Open"/>, anything else publishes at once. Counts the publishes in flight.
/// </summary>
internal sealed class ScriptedDispatchPublisher : IPinPublisher
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<string> _started = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _gate = new(0);
    private readonly CancellationTokenSource _endHangs = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _published;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>How many publishes returned a Pin (their Pin ids are 1001, 1002…).</summary>
    public int Published => Volatile.Read(ref _published);

    /// <summary>The token each publish was given, by title, latest last.</summary>
    public ConcurrentQueue<(string Title, CancellationToken Token)> Tokens { get; } = new();

    /// <summary>Waits (in real time, bounded) for the next publish to start; returns its title.</summary>
    public async Task<string> NextStartedAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(SafetyTimeout);

    public bool HasStartedMore => _started.Reader.Count > 0;

    public void Open(int count = 1) => _gate.Release(count);

    /// <summary>Lets every hanging publish (now and later) end as published, so a test can stop the host.</summary>
    public void EndHangs() => _endHangs.Cancel();

    public Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async Task<PublishPinResult> PublishAsync(PublishPinRequest request, CancellationToken cancellationToken = default)
    {
        var title = request.Title ?? string.Empty;
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        try
        {
            Tokens.Enqueue((title, cancellationToken));
            _started.Writer.TryWrite(title);
            if (title == "hang")
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _endHangs.Token);
                try
                {
                    await Task.Delay(Timeout.Infinite, linked.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Ended by the test.
                }
            }
            else if (title == "gate")
            {
                await _gate.WaitAsync(cancellationToken);
            }

            return new PublishPinResult { PinId = (1000 + Interlocked.Increment(ref _published)).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
