using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Pinterest's authorize page (https://www.pinterest.com/oauth/), played for a connect flow run end to end: the user
// "signed in" to the emulator is the arranged account; the page hands a code the token endpoint exchanges as usual.
public sealed partial class PinterestEmulator
{
    private const string AuthorizePathSegment = "oauth";

    /// <summary>
    /// The emulator's authorize page: <c>{ServerAddress}oauth/</c> once <see cref="StartServerAsync"/> has run (for a
    /// browser), else <c>http://pinterest.emulator/oauth/</c> (for <see cref="CreateHandler"/>). Point the connect
    /// endpoint's authorize endpoint at it.
    /// </summary>
    public Uri AuthorizeAddress => new(ServerAddress ?? InMemoryBaseAddress, AuthorizePathSegment + "/");

    /// <summary>
    /// Arranges who consents on the authorize page and how: <paramref name="account"/> is the Pinterest user signed in
    /// there; <paramref name="grantedScope"/> (comma-separated) replaces the requested scopes in the code's grant, to
    /// test a user who unticked one.
    /// </summary>
    /// <param name="account">The user who authorizes the app.</param>
    /// <param name="mode">A page to click, or a direct redirect that allows or denies.</param>
    /// <param name="grantedScope">The scopes granted; <see langword="null"/> grants the ones requested.</param>
    public void ArrangeConsent(EmulatedAccount account, EmulatorConsentMode mode = EmulatorConsentMode.ShowPage, string? grantedScope = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            EnsureAccount(account.Id);
        }

        _oauth.ArrangeConsent(account.Id, mode, grantedScope);
    }

    private EmulatorHttpResponse ServeAuthorizePage(string method, EmulatorHttpRequest request)
    {
        if (method is not ("GET" or "HEAD"))
        {
            return AuthorizePage.Error(405, "The authorize page answers GET.");
        }

        return _oauth.Authorize(QueryString.Parse(request.Uri.Query));
    }
}
