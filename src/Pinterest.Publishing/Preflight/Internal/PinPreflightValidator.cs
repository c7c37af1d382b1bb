using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight.Internal.Rules;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// Checks a draft Pin by running the rules of <see cref="PreflightRules.All"/>: every rule plans, then every URL the
/// rules asked for is probed by one bounded, concurrent GET each while a local video is read, then every rule evaluates.
/// Content problems become issues; only a malformed request (null members) throws (<see cref="RequestShape"/>).
/// </summary>
internal sealed class PinPreflightValidator : IPinPreflightValidator, IDisposable
{
    /// <summary>The name of the probe <see cref="HttpClient"/> registered with <c>IHttpClientFactory</c>.</summary>
    public const string ProbeHttpClientName = "Pinterest.Publishing.Probe";

    private readonly PreflightOptions _options;
    private readonly IDefaultBoardProvider? _defaultBoards;
    private readonly ILogger _logger;
    private readonly UrlProber _prober;
    private readonly IReadOnlyList<IPreflightRule> _rules;
    private readonly HttpClient? _ownedClient;
    private readonly bool _sandbox;

    /// <summary>Creates the validator.</summary>
    /// <param name="probeClient">
    /// A client whose primary handler comes from <see cref="ProbeHttpHandlerFactory.Create(PreflightOptions)"/>
    /// (no bearer token, no proxy, no automatic redirects, SSRF guard). Per-probe timeouts are applied here, so its
    /// own <see cref="HttpClient.Timeout"/> should be infinite or longer than <see cref="PreflightOptions.ProbeTimeout"/>.
    /// </param>
    /// <param name="options">Limits and probe settings.</param>
    /// <param name="defaultBoards">Gives the default board when a request names none; optional.</param>
    /// <param name="timeProvider">The clock of probe timeouts.</param>
    /// <param name="logger">The logger, of category <see cref="PreflightLog.CategoryName"/>.</param>
    /// <param name="sandbox">Whether Pins are created on Pinterest's API sandbox (<c>PinterestDefaults.IsSandbox</c>).</param>
    public PinPreflightValidator(
        HttpClient probeClient,
        PreflightOptions options,
        IDefaultBoardProvider? defaultBoards,
        TimeProvider timeProvider,
        ILogger logger,
        bool sandbox = false)
        : this(probeClient, options, defaultBoards, timeProvider, logger, PreflightRules.All, ownsClient: false, sandbox)
    {
    }

    private PinPreflightValidator(
        HttpClient probeClient,
        PreflightOptions options,
        IDefaultBoardProvider? defaultBoards,
        TimeProvider timeProvider,
        ILogger logger,
        IReadOnlyList<IPreflightRule> rules,
        bool ownsClient,
        bool sandbox)
    {
        ArgumentNullException.ThrowIfNull(probeClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentProbes, 1, "options.MaxConcurrentProbes");
        _options = options;
        _defaultBoards = defaultBoards;
        _logger = logger;
        _prober = new UrlProber(probeClient, options, timeProvider, logger);
        _rules = rules;
        _ownedClient = ownsClient ? probeClient : null;
        _sandbox = sandbox;
    }

    /// <summary>
    /// Creates a validator without dependency injection, with its own SSRF-safe probe client (disposed with it).
    /// </summary>
    /// <param name="options">Limits and probe settings; the defaults when <see langword="null"/>.</param>
    /// <param name="defaultBoards">Gives the default board when a request names none; optional.</param>
    /// <param name="timeProvider">The clock of probe timeouts; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Creates the logger; none when <see langword="null"/>.</param>
    /// <param name="seams">Replaces name resolution and connecting, for tests.</param>
    /// <param name="rules">The rules to run; <see cref="PreflightRules.All"/> unless a test gives others.</param>
    /// <param name="sandbox">Whether Pins are created on Pinterest's API sandbox.</param>
    internal static PinPreflightValidator Create(
        PreflightOptions? options = null,
        IDefaultBoardProvider? defaultBoards = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        ProbeNetworkSeams? seams = null,
        IReadOnlyList<IPreflightRule>? rules = null,
        bool sandbox = false)
    {
        options ??= new PreflightOptions();
        var client = new HttpClient(ProbeHttpHandlerFactory.Create(options, seams), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(PreflightLog.CategoryName);
        return new PinPreflightValidator(
            client, options, defaultBoards, timeProvider ?? TimeProvider.System, logger, rules ?? PreflightRules.All, ownsClient: true, sandbox);
    }

    /// <inheritdoc />
    public Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default) =>
        ValidateCoreAsync(request, _defaultBoards, cancellationToken);

    /// <summary>
    /// Validates a request whose board the publish path has already resolved: a blank board is reported as missing
    /// without asking the default board provider again.
    /// </summary>
    internal Task<PreflightResult> ValidateResolvedAsync(PublishPinRequest request, CancellationToken cancellationToken) =>
        ValidateCoreAsync(request, defaultBoards: null, cancellationToken);

    private async Task<PreflightResult> ValidateCoreAsync(PublishPinRequest request, IDefaultBoardProvider? defaultBoards, CancellationToken cancellationToken)
    {
        RequestShape.Validate(request);

        using var probes = new ProbeScheduler(_prober, _options.MaxConcurrentProbes);
        var context = new PreflightContext(request, _options, defaultBoards, probes, _sandbox);

        // Each rule has its own list, so the result lists issues rule by rule, in the order of the rules, whichever
        // phase found them.
        var found = new PreflightIssueList[_rules.Count];
        for (var i = 0; i < _rules.Count; i++)
        {
            found[i] = new PreflightIssueList();
            _rules[i].Plan(context, found[i]);
        }

        await context.RunPlannedAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < _rules.Count; i++)
        {
            await _rules[i].EvaluateAsync(context, found[i], cancellationToken).ConfigureAwait(false);
        }

        var result = new PreflightResult(found.SelectMany(f => f.Items));
        PreflightLog.Completed(_logger, result.Errors.Count, result.Warnings.Count);
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _ownedClient?.Dispose();
}
