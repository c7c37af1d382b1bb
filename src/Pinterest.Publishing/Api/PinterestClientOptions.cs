using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Api;

/// <summary>Settings of a <see cref="PinterestClient"/> created without dependency injection.</summary>
public sealed class PinterestClientOptions
{
    /// <summary>The API host; the client appends <c>v5/…</c>. When <see langword="null"/>, <see cref="Environment"/> picks it.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Production (default) or sandbox.</summary>
    public PinterestEnvironment Environment { get; set; }

    /// <summary>The app's client id, for OAuth and token refresh.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret, for OAuth and token refresh. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A token that expires within this margin is refreshed before use. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries of idempotent calls.</summary>
    public PinterestRetryOptions Retry { get; set; } = new();

    /// <summary>The clock for token expiry and retry delays. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the client logs; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Where retries are counted; the shared instance when <see langword="null"/> (set by dependency injection).</summary>
    internal Diagnostics.Internal.PinterestTelemetry? Telemetry { get; set; }

    /// <summary>The base address in effect.</summary>
    public Uri EffectiveBaseAddress => BaseAddress ?? (Environment == PinterestEnvironment.Sandbox ? PinterestPublishingOptions.SandboxBaseAddress : PinterestPublishingOptions.ProductionBaseAddress);

    /// <summary>The client settings of the dependency-injection options (for the registration code).</summary>
    internal static PinterestClientOptions FromPublishingOptions(PinterestPublishingOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory, Diagnostics.Internal.PinterestTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new PinterestClientOptions
        {
            BaseAddress = options.ApiBaseAddress,
            Environment = options.Environment,
            ClientId = options.ClientId,
            ClientSecret = options.ClientSecret,
            TokenRefreshMargin = options.TokenRefreshMargin,
            Retry = options.Retry,
            TimeProvider = timeProvider,
            LoggerFactory = loggerFactory,
            Telemetry = telemetry,
        };
    }
}
