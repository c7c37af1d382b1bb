using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing.Api;

/// <summary>
/// Settings of a <see cref="PinterestClient"/> created without dependency injection. The settings it shares with
/// <see cref="PinterestPublishingOptions"/> have the same names, shapes and defaults.
/// </summary>
public sealed class PinterestClientOptions
{
    /// <summary>Settings with the defaults.</summary>
    public PinterestClientOptions()
        : this(new PinterestRetryOptions())
    {
    }

    // Shares the retry settings object of the dependency-injection options, so a host's later change to it reaches
    // the next clients (the provider rebuilds its retry policy when it sees one).
    private PinterestClientOptions(PinterestRetryOptions retry) => Retry = retry;

    /// <summary>
    /// The API host; the client appends <c>v5/…</c>. When <see langword="null"/>, <see cref="Environment"/> picks it.
    /// Set it to point at an emulator or a proxy.
    /// </summary>
    public Uri? ApiBaseAddress { get; set; }

    /// <summary>
    /// Production (default) or sandbox: picks the host when <see cref="ApiBaseAddress"/> is not set. Under
    /// <see cref="PinterestEnvironment.Sandbox"/> (or with the sandbox host as <see cref="ApiBaseAddress"/>) a call the
    /// sandbox does not serve (analytics) throws <see cref="NotSupportedException"/> before anything is sent.
    /// </summary>
    public PinterestEnvironment Environment { get; set; } = PinterestDefaults.Environment;

    /// <summary>The app's client id, for OAuth and token refresh.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret, for OAuth and token refresh. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A token that expires within this margin is refreshed before use. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = PinterestDefaults.TokenRefreshMargin;

    /// <summary>
    /// A token whose refresh token expires within this margin is refreshed before use even while its access token is
    /// good, so that Pinterest renews the refresh token before it lapses. Zero turns this off. Default 14 days.
    /// </summary>
    public TimeSpan RefreshTokenRenewalMargin { get; set; } = PinterestDefaults.RefreshTokenRenewalMargin;

    /// <summary>Retries of idempotent calls.</summary>
    public PinterestRetryOptions Retry { get; }

    /// <summary>The clock for token expiry and retry delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the client logs; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Where retries are counted; the shared instance when <see langword="null"/> (set by dependency injection).</summary>
    internal Diagnostics.Internal.PinterestTelemetry? Telemetry { get; set; }

    /// <summary>The base address in effect: <see cref="ApiBaseAddress"/>, else the one of <see cref="Environment"/>.</summary>
    public Uri EffectiveBaseAddress => PinterestDefaults.EffectiveBaseAddress(ApiBaseAddress, Environment);

    /// <summary>The client settings of the dependency-injection options (for the registration code).</summary>
    internal static PinterestClientOptions FromPublishingOptions(PinterestPublishingOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory, Diagnostics.Internal.PinterestTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new PinterestClientOptions(options.Retry)
        {
            ApiBaseAddress = options.ApiBaseAddress,
            Environment = options.Environment,
            ClientId = options.ClientId,
            ClientSecret = options.ClientSecret,
            TokenRefreshMargin = options.TokenRefreshMargin,
            RefreshTokenRenewalMargin = options.RefreshTokenRenewalMargin,
            TimeProvider = timeProvider,
            LoggerFactory = loggerFactory,
            Telemetry = telemetry,
        };
    }
}
