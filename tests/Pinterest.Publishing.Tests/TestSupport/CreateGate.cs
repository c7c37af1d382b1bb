namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Holds every Pin create (<c>POST /v5/pins</c>) of the hosts it is added to until the test lets one go, and records
/// how many were in flight at once: the per-account concurrency limit, as Pinterest would see it.
/// </summary>
internal sealed class CreateGate
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _held = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    /// <summary>The most creates in flight at once.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>A handler for one host's API client.</summary>
    public DelegatingHandler CreateHandler() => new Handler(this);

    /// <summary>Waits until at least <paramref name="count"/> creates are held.</summary>
    public async Task WhenHeldAsync(int count)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (_held.Count >= count)
                {
                    return;
                }

                arrived = _arrived.Task;
            }

            await arrived.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Lets the oldest held create go to the emulator.</summary>
    public void ReleaseOne()
    {
        lock (_gate)
        {
            _held.Dequeue().SetResult();
        }
    }

    private async Task EnterAsync()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            _held.Enqueue(release);
            _arrived.SetResult();
            _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        await release.Task;
    }

    private void Leave()
    {
        lock (_gate)
        {
            _inFlight--;
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

            await gate.EnterAsync();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                gate.Leave();
            }
        }
    }
}
