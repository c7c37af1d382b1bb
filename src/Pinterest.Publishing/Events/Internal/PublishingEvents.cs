using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Events.Internal;

/// <summary>
/// Hands events to every registered <see cref="IPinterestPublishingObserver"/> off the publish path: <see cref="Raise"/>
/// only writes to a bounded channel (dropping with a log when it is full), and one background task drains it in order,
/// calling the observers of each event together, each call bounded by <see cref="ObserverTimeout"/> and its exceptions
/// logged and contained.
/// </summary>
/// <remarks>
/// Observers are resolved on the first delivery, not in the constructor: an observer may depend on
/// <see cref="IPinPublisher"/>, whose stages depend on this class.
/// </remarks>
internal sealed class PublishingEvents : IAsyncDisposable
{
    /// <summary>How many events may wait for delivery before new ones are dropped.</summary>
    public const int Capacity = 1000;

    /// <summary>How long one observer call may take before delivery moves on without it.</summary>
    public static readonly TimeSpan ObserverTimeout = TimeSpan.FromSeconds(30);

    // How long disposal waits for queued events to be delivered.
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(5);

    private readonly Func<IReadOnlyList<IPinterestPublishingObserver>> _resolveObservers;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<Delivery> _channel = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _drain;

    public PublishingEvents(IServiceProvider services, TimeProvider timeProvider, ILoggerFactory loggerFactory)
        : this(() => services.GetServices<IPinterestPublishingObserver>().ToArray(), timeProvider, loggerFactory)
    {
    }

    public PublishingEvents(Func<IReadOnlyList<IPinterestPublishingObserver>> observers, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _resolveObservers = observers;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger(EventsLog.CategoryName);
    }

    /// <summary>Raises nothing: for code built without dependency injection.</summary>
    public static PublishingEvents None { get; } = new(() => [], TimeProvider.System, NullLoggerFactory.Instance);

    /// <summary>The clock events are stamped with.</summary>
    public DateTimeOffset Now => _timeProvider.GetUtcNow();

    /// <summary>Queues <paramref name="event"/> for every observer; never blocks and never throws.</summary>
    /// <param name="event">The event.</param>
    /// <param name="deliver">Calls the observer's method for the event.</param>
    public void Raise<TEvent>(TEvent @event, Func<IPinterestPublishingObserver, TEvent, CancellationToken, Task> deliver)
        where TEvent : class
    {
        if (ReferenceEquals(this, None))
        {
            return;
        }

        var name = typeof(TEvent).Name;
        if (!_channel.Writer.TryWrite(new Delivery(name, (observer, ct) => deliver(observer, @event, ct))))
        {
            EventsLog.Dropped(_logger, name, Capacity);
            return;
        }

        lock (_gate)
        {
            _drain ??= Task.Run(DrainAsync, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        Task? drain;
        lock (_gate)
        {
            drain = _drain;
        }

        if (drain is not null)
        {
            try
            {
                await drain.WaitAsync(DrainOnDispose, _timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Shutting down: events still queued are lost, like a process that ends.
            }
        }

        // Not disposed: a call still running links to it.
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    private async Task DrainAsync()
    {
        IReadOnlyList<IPinterestPublishingObserver>? observers = null;
        await foreach (var delivery in _channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                observers ??= _resolveObservers();
            }
            catch (Exception ex)
            {
                EventsLog.ObserverFailed(_logger, nameof(IPinterestPublishingObserver), delivery.Name, ex.GetType().Name, SecretScrubber.Scrub(ex.Message));
                continue;
            }

            if (observers.Count == 1)
            {
                await DeliverAsync(observers[0], delivery).ConfigureAwait(false);
            }
            else if (observers.Count > 1)
            {
                await Task.WhenAll(observers.Select(o => DeliverAsync(o, delivery))).ConfigureAwait(false);
            }
        }
    }

    private async Task DeliverAsync(IPinterestPublishingObserver observer, Delivery delivery)
    {
        var observerName = observer.GetType().Name;
        using var timeout = new CancellationTokenSource(ObserverTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        try
        {
            // Started on the thread pool: an observer that blocks synchronously must not block the drain either.
            var call = Task.Run(() => delivery.Deliver(observer, linked.Token), CancellationToken.None);
            await call.WaitAsync(ObserverTimeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            EventsLog.ObserverTimedOut(_logger, observerName, delivery.Name, ObserverTimeout);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            EventsLog.ObserverTimedOut(_logger, observerName, delivery.Name, ObserverTimeout);
        }
        catch (Exception ex)
        {
            EventsLog.ObserverFailed(_logger, observerName, delivery.Name, ex.GetType().Name, SecretScrubber.Scrub(ex.Message));
        }
    }

    private sealed record Delivery(string Name, Func<IPinterestPublishingObserver, CancellationToken, Task> Deliver);
}
