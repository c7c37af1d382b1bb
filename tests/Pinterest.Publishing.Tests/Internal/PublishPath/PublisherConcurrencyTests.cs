using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

public class PublisherConcurrencyTests
{
    [Fact]
    public async Task Never_more_than_three_creates_of_one_account_are_in_flight()
    {
        var gate = new CreateGate(_ => true);
        await using var h = await PublishingHarness.CreateAsync(services => gate.Install(services));

        var publishes = Enumerable.Range(0, 10).Select(i => h.Publisher.PublishAsync(h.ImageRequest($"Pin {i}"))).ToArray();
        await gate.WhenInFlightAsync(3);
        Assert.Equal(3, gate.InFlight);

        gate.OpenAll();
        await Task.WhenAll(publishes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, gate.MaxInFlight);
        Assert.Equal(10, h.Emulator.Pins.Count);
    }

    [Fact]
    public async Task A_busy_account_does_not_delay_another()
    {
        var gate = new CreateGate(body => body.Contains("slow", StringComparison.Ordinal));
        await using var h = await PublishingHarness.CreateAsync(services => gate.Install(services));
        var other = h.Emulator.AddAccount("other_user");
        var otherBoard = h.Emulator.AddBoard(other, "Other board");
        await h.StoreTokenAsync("acct-2", other);

        var slow = Enumerable.Range(0, 4).Select(i => h.Publisher.PublishAsync(h.ImageRequest($"slow {i}"))).ToArray();
        await gate.WhenInFlightAsync(3);

        var fast = await h.Publisher.PublishAsync(h.ImageRequest("fast") with { AccountId = "acct-2", BoardId = otherBoard.Id }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEmpty(fast.PinId);
        Assert.All(slow, t => Assert.False(t.IsCompleted));
        gate.OpenAll();
        await Task.WhenAll(slow).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, h.Emulator.Pins.Count);
    }

    [Fact]
    public async Task Two_dispatchers_over_one_store_publish_each_scheduled_pin_once()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var store = new InMemoryPinScheduleStore();
        for (var i = 0; i < 30; i++)
        {
            store.Schedule(h.ImageRequest($"Scheduled {i}"), h.Time.GetUtcNow());
        }

        var options = Microsoft.Extensions.Options.Options.Create(new PinSchedulingOptions { BatchSize = 4, MaxConcurrentPublishes = 4 });
        var dispatchers = Enumerable.Range(0, 2)
            .Select(_ => new PinScheduleDispatcher(store, h.Publisher, options, h.Time, NullLoggerFactory.Instance))
            .ToArray();

        async Task Drain(PinScheduleDispatcher dispatcher)
        {
            while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0)
            {
            }
        }

        await Task.WhenAll(dispatchers.Select(Drain)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(30, store.GetCompleted().Count);
        Assert.All(store.GetCompleted(), c => Assert.IsType<PinPublishOutcome.Published>(c.Value));
        Assert.Equal(30, h.Emulator.Pins.Count);
        Assert.Equal(30, h.Emulator.Pins.Select(p => p.Title).Distinct().Count());
        Assert.Equal(30, h.CreateCalls());
    }

    /// <summary>Holds creates whose body matches until opened, counting how many are in flight at once.</summary>
    private sealed class CreateGate(Func<string, bool> holds)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private int _inFlight;
        private int _maxInFlight;

        public int InFlight => Volatile.Read(ref _inFlight);

        private Func<string, bool> Holds { get; } = holds;

        public int MaxInFlight
        {
            get
            {
                lock (_waiters)
                {
                    return _maxInFlight;
                }
            }
        }

        public void OpenAll() => _open.TrySetResult();

        /// <summary>Completes once <paramref name="count"/> creates are in flight at the same time (the real-time bound only guards a hang).</summary>
        public Task WhenInFlightAsync(int count)
        {
            lock (_waiters)
            {
                if (_maxInFlight >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public void Install(IServiceCollection services) =>
            services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => new Handler(this));

        private void Entered()
        {
            lock (_waiters)
            {
                _maxInFlight = Math.Max(_maxInFlight, Interlocked.Increment(ref _inFlight));
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    if (_waiters[i].Count <= _maxInFlight)
                    {
                        _waiters[i].Reached.TrySetResult();
                        _waiters.RemoveAt(i);
                    }
                }
            }
        }

        private sealed class Handler(CreateGate gate) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath != "/v5/pins")
                {
                    return await base.SendAsync(request, cancellationToken);
                }

                var body = Encoding.UTF8.GetString(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
                gate.Entered();

                try
                {
                    if (gate.Holds(body))
                    {
                        await gate._open.Task.WaitAsync(cancellationToken);
                    }

                    return await base.SendAsync(request, cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref gate._inFlight);
                }
            }
        }
    }
}
