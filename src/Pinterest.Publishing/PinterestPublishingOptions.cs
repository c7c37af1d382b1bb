
namespace Pinterest.Publishing;

/// <summary>Settings of <c>AddPinterestPublishing</c>; bound from the <c>Pinterest</c> configuration section.</summary>
public sealed class PinterestPublishingOptions
{
    /// <summary>The production API host.</summary>
    public static readonly Uri ProductionBaseAddress = new("https://api.pinterest.com/");

    /// <summary>The sandbox API host.</summary>
    public static readonly Uri SandboxBaseAddress = new("https://api-sandbox.pinterest.com/");

    /// <summary>
    /// The API host; the client appends <c>v5/…</c>. When <see langword="null"/>, <see cref="Environment"/> picks it.
    /// Set it to point at an emulator or a proxy.
    /// </summary>
    public Uri? ApiBaseAddress { get; set; }

    /// <summary>Production (default) or sandbox; used when <see cref="ApiBaseAddress"/> is not set.</summary>
    public PinterestEnvironment Environment { get; set; } = PinterestEnvironment.Production;

    /// <summary>The app's client id; needed for token refresh and OAuth.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's client secret; needed for token refresh and OAuth. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A token that expires within this margin is refreshed before use. Default 5 minutes.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one API call. Default 100 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Retries of idempotent API calls (GET, DELETE, token refresh).</summary>
    public PinterestRetryOptions Retry { get; } = new();

    /// <summary>Preflight settings.</summary>
    public PreflightOptions Preflight { get; } = new();

    /// <summary>Video upload settings.</summary>
    public VideoUploadOptions VideoUpload { get; } = new();

    /// <summary>How many publishes of one account may run at once in this process. Default 3.</summary>
    public int MaxConcurrentPublishesPerAccount { get; set; } = 3;

    /// <summary>The base address in effect: <see cref="ApiBaseAddress"/>, else the one of <see cref="Environment"/>.</summary>
    public Uri EffectiveBaseAddress => ApiBaseAddress ?? (Environment == PinterestEnvironment.Sandbox ? SandboxBaseAddress : ProductionBaseAddress);
}
