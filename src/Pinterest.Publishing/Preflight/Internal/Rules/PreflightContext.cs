using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// What the rules of one validation share: the draft, the settings, and the probes and local read they planned. A
/// context lives for one <see cref="PinPreflightValidator.ValidateAsync"/>: plan calls first, then evaluate calls.
/// </summary>
/// <param name="request">The draft.</param>
/// <param name="options">Limits and probe settings.</param>
/// <param name="defaultBoards">Gives the default board when the draft names none; optional.</param>
/// <param name="probes">Runs the probes the rules plan.</param>
/// <param name="sandbox">Whether the Pin would be created on Pinterest's API sandbox.</param>
internal sealed class PreflightContext(PublishPinRequest request, PreflightOptions options, IDefaultBoardProvider? defaultBoards, ProbeScheduler probes, bool sandbox = false)
{
    private VideoSource? _localVideoSource;
    private bool _planning = true;

    /// <summary>The draft; its shape (no null members) has been checked.</summary>
    public PublishPinRequest Request { get; } = request;

    /// <summary>Limits and probe settings.</summary>
    public PreflightOptions Options { get; } = options;

    /// <summary>Gives the default board when the draft names none; optional.</summary>
    public IDefaultBoardProvider? DefaultBoards { get; } = defaultBoards;

    /// <summary>Whether the Pin would be created on Pinterest's API sandbox, which lacks some of production's features.</summary>
    public bool Sandbox { get; } = sandbox;

    /// <summary>What <see cref="ReadLocalVideo"/> found; <see langword="null"/> when no read was planned. Evaluate phase.</summary>
    public LocalVideo? LocalVideo { get; private set; }

    /// <summary>
    /// Plans a GET of <paramref name="url"/>. Each distinct URL is fetched once, for the strongest need registered;
    /// every planned probe of the draft runs at the same time, up to the concurrency bound. Plan phase only.
    /// </summary>
    public void Probe(Uri url, ProbeKind kind, long maxBytes)
    {
        EnsurePlanning();
        probes.Add(url, kind, maxBytes);
    }

    /// <summary>Plans the read of a file or stream video's header and size, done while the probes run. Plan phase only.</summary>
    public void ReadLocalVideo(VideoSource source)
    {
        EnsurePlanning();
        _localVideoSource = source;
    }

    /// <summary>The result of a planned probe. Evaluate phase: the task has completed.</summary>
    public Task<ProbeResult> ProbeResultAsync(Uri url)
    {
        if (_planning)
        {
            throw new InvalidOperationException("Probe results are read in EvaluateAsync; Plan only registers probes.");
        }

        return probes.GetAsync(url);
    }

    /// <summary>Runs what the rules planned: every probe at once, the local read meanwhile; returns when all have ended.</summary>
    public async Task RunPlannedAsync(CancellationToken cancellationToken)
    {
        EnsurePlanning();
        _planning = false;
        probes.Start(cancellationToken);

        // Local files and streams are read while the URL probes are in flight. The probes are awaited even when the
        // read throws (a caller's stream may): none may outlive the validation with an exception nobody observes.
        try
        {
            LocalVideo = _localVideoSource is null ? null : LocalVideo.Read(_localVideoSource);
        }
        finally
        {
            await probes.WhenAllAsync().ConfigureAwait(false);
        }
    }

    private void EnsurePlanning()
    {
        if (!_planning)
        {
            throw new InvalidOperationException("Probes and reads are registered in Plan; they have already run.");
        }
    }
}
