using Microsoft.Extensions.Options;
using Pinterest.Publishing.Internal.Options;

namespace Pinterest.Publishing;

/// <summary>Settings of <c>AddPinterestPublishing</c>; bound from the <c>Pinterest</c> configuration section.</summary>
/// <remarks>
/// Validated when the host starts: ranges by the attributes on each setting, rules across settings (a URL's shape, the
/// client id and secret together, port lists) by one validator; a failure names the key (<c>Pinterest:RequestTimeout</c>).
/// </remarks>
public sealed class PinterestPublishingOptions
{
    /// <summary>The production API host.</summary>
    public static readonly Uri ProductionBaseAddress = new("https://api.pinterest.com/");

    /// <summary>The sandbox API host.</summary>
    public static readonly Uri SandboxBaseAddress = new("https://api-sandbox.pinterest.com/");

    /// <summary>
    /// The API host; the client appends <c>v5/…</c>. When <see langword="null"/>, <see cref="Environment"/> picks it.
    /// Set it to point at an emulator or a proxy. Must be an absolute http(s) URL.
    /// </summary>
    public Uri? ApiBaseAddress { get; set; }

    /// <summary>
    /// Production (default) or sandbox: picks the host when <see cref="ApiBaseAddress"/> is not set. Under
    /// <see cref="PinterestEnvironment.Sandbox"/> (or with the sandbox host as <see cref="ApiBaseAddress"/>) what the
    /// sandbox does not serve is refused before anything is sent: a video Pin is a preflight error
    /// (<c>pinterest.video.sandbox_unsupported</c>), an analytics call throws <see cref="NotSupportedException"/>.
    /// </summary>
    [DefinedEnum(typeof(PinterestEnvironment))]
    public PinterestEnvironment Environment { get; set; } = PinterestDefaults.Environment;

    /// <summary>The app's client id; needed for token refresh and OAuth. Set with <see cref="ClientSecret"/> or not at all.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret; needed for token refresh and OAuth. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A token that expires within this margin is refreshed before use. Zero to one day; default 5 minutes.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay)]
    public TimeSpan TokenRefreshMargin { get; set; } = PinterestDefaults.TokenRefreshMargin;

    /// <summary>
    /// A token whose refresh token expires within this margin is refreshed before use (and by
    /// <see cref="Authentication.IPinterestAccountKeepAlive"/>) even while its access token is good, so that Pinterest
    /// renews the refresh token's 60 days before it lapses. Zero turns this off. Zero to 30 days; default 14 days.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.ThirtyDays)]
    public TimeSpan RefreshTokenRenewalMargin { get; set; } = PinterestDefaults.RefreshTokenRenewalMargin;

    /// <summary>
    /// How often the keep-alive sweep (<c>AddAccountKeepAliveSweep</c>) lists the accounts whose refresh token expires
    /// within <see cref="RefreshTokenRenewalMargin"/> and refreshes them. Positive, at most one day; default 6 hours.
    /// </summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan KeepAliveSweepInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Timeout of one API call. Positive, at most one day; default 100 seconds.</summary>
    [TimeSpanRange(OptionLimits.Zero, OptionLimits.OneDay, MinimumIsExclusive = true)]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of idempotent API calls (GET, DELETE, token refresh).</summary>
    [ValidateObjectMembers]
    public PinterestRetryOptions Retry { get; } = new();

    /// <summary>Preflight settings.</summary>
    [ValidateObjectMembers]
    public PreflightOptions Preflight { get; } = new();

    /// <summary>Video upload settings.</summary>
    [ValidateObjectMembers]
    public VideoUploadOptions VideoUpload { get; } = new();

    /// <summary>
    /// How many publishes of one account may run at once, across every instance of the host that shares the
    /// <see cref="Coordination.IPinterestAccountCoordinator"/> (the default one coordinates this process). At least 1; default 3.
    /// </summary>
    [AtLeast(1)]
    public int MaxConcurrentPublishesPerAccount { get; set; } = 3;

    /// <summary>The base address in effect: <see cref="ApiBaseAddress"/>, else the one of <see cref="Environment"/>.</summary>
    public Uri EffectiveBaseAddress => PinterestDefaults.EffectiveBaseAddress(ApiBaseAddress, Environment);
}
