
namespace Pinterest.Publishing.Testing;

/// <summary>How the emulator's authorize page (<c>GET /oauth/</c>) answers; see <see cref="PinterestEmulator.ArrangeConsent"/>.</summary>
public enum EmulatorConsentMode
{
    /// <summary>A small HTML page with an "Allow" and a "Decline" link, for a browser to click.</summary>
    ShowPage,

    /// <summary>A 302 straight back to the redirect URI with a <c>code</c> and the <c>state</c>, as if the user clicked Allow.</summary>
    Allow,

    /// <summary>A 302 straight back to the redirect URI with <c>error=access_denied</c> and the <c>state</c>.</summary>
    Deny,
}
