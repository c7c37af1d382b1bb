
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Runs the probes of one draft: each distinct URL once, with the strongest need asked of it, all at the same time
/// up to the concurrency bound. Register every URL first, then <see cref="Start"/>, then read results.
/// </summary>
internal sealed class ProbeScheduler : IDisposable
{
    private readonly UrlProber _prober;
    private readonly SemaphoreSlim _gate;
    private readonly Dictionary<string, (Uri Uri, ProbeKind Kind, long MaxBytes)> _needs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<ProbeResult>> _running = new(StringComparer.Ordinal);

    public ProbeScheduler(UrlProber prober, int maxConcurrency)
    {
        _prober = prober;
        _gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <summary>Registers a URL to probe; the same URL registered twice is probed once, for the stronger need.</summary>
    public void Add(Uri uri, ProbeKind kind, long maxBytes)
    {
        var key = Key(uri);
        if (_needs.TryGetValue(key, out var existing))
        {
            _needs[key] = (uri, (ProbeKind)Math.Max((int)existing.Kind, (int)kind), Math.Max(existing.MaxBytes, maxBytes));
        }
        else
        {
            _needs[key] = (uri, kind, maxBytes);
        }
    }

    /// <summary>Starts every registered probe.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        foreach (var (key, need) in _needs)
        {
            _running[key] = RunAsync(need.Uri, need.Kind, need.MaxBytes, cancellationToken);
        }
    }

    /// <summary>The result for a registered URL.</summary>
    public Task<ProbeResult> GetAsync(Uri uri) =>
        _running.TryGetValue(Key(uri), out var probe)
            ? probe
            : throw new InvalidOperationException("No probe of this URL was registered before the probes started.");

    /// <summary>Waits for every probe.</summary>
    public Task WhenAllAsync() => Task.WhenAll(_running.Values);

    public void Dispose() => _gate.Dispose();

    private static string Key(Uri uri) => uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString;

    private async Task<ProbeResult> RunAsync(Uri uri, ProbeKind kind, long maxBytes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _prober.ProbeAsync(uri, kind, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
