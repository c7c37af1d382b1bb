
namespace Pinterest.Publishing.Internal.Options;

/// <summary>
/// The defaults and the rule that <see cref="PinterestPublishingOptions"/> (dependency injection) and
/// <see cref="Api.PinterestClientOptions"/> (a client built by hand) share, written once. A default that only one
/// options class has stays in that class's property initializer.
/// </summary>
internal static class PinterestDefaults
{
    /// <summary>The configuration section <c>AddPinterestPublishing(configuration)</c> binds, and the first part of every key.</summary>
    public const string ConfigurationSectionName = "Pinterest";

    /// <summary>The environment when none is set.</summary>
    public const PinterestEnvironment Environment = PinterestEnvironment.Production;

    /// <summary>A token that expires within this margin is refreshed before use.</summary>
    public static TimeSpan TokenRefreshMargin { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the client talks to Pinterest's API sandbox: <paramref name="environment"/> says so (a host that points
    /// <paramref name="apiBaseAddress"/> at a proxy or an emulator of the sandbox sets both), or the host in effect is
    /// the sandbox's. The sandbox serves no video Pins and no analytics, so preflight and the client refuse them early.
    /// </summary>
    public static bool IsSandbox(Uri? apiBaseAddress, PinterestEnvironment environment) =>
        environment == PinterestEnvironment.Sandbox
        || string.Equals(EffectiveBaseAddress(apiBaseAddress, environment).Host, PinterestPublishingOptions.SandboxBaseAddress.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A token whose refresh token expires within this margin is refreshed before use, even while its access token is
    /// good: Pinterest's continuous refresh tokens last 60 days and each refresh renews them, while access tokens last
    /// 30, so an account used only between day 30 and 60 after its last refresh would otherwise lose its refresh token.
    /// </summary>
    public static TimeSpan RefreshTokenRenewalMargin { get; } = TimeSpan.FromDays(14);

    /// <summary>The API host in effect: the one set, else the one of <paramref name="environment"/>.</summary>
    public static Uri EffectiveBaseAddress(Uri? apiBaseAddress, PinterestEnvironment environment) =>
        apiBaseAddress ?? (environment == PinterestEnvironment.Sandbox
            ? PinterestPublishingOptions.SandboxBaseAddress
            : PinterestPublishingOptions.ProductionBaseAddress);
}
