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

        return Authorize(QueryString.Parse(request.Uri.Query));
    }

    /// <summary>
    /// Serves <c>GET /oauth/</c>: checks the client id, redirect URI, response type and scopes, then answers as arranged:
    /// the consent page, or a redirect back with a single-use code (exchangeable with the same redirect URI) or with
    /// <c>error=access_denied</c>, each with the <c>state</c> it was given.
    /// </summary>
    private EmulatorHttpResponse Authorize(Dictionary<string, string> query)
    {
        var redirectUri = query.GetValueOrDefault("redirect_uri");
        if (!string.Equals(query.GetValueOrDefault("client_id"), _options.ClientId, StringComparison.Ordinal))
        {
            return AuthorizePage.Error(400, "Unknown client_id.");
        }

        if (redirectUri is null || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return AuthorizePage.Error(400, "redirect_uri must be an absolute http(s) URL registered for the app.");
        }

        if (query.GetValueOrDefault("response_type") != "code" || string.IsNullOrEmpty(query.GetValueOrDefault("scope")))
        {
            return AuthorizePage.Error(400, "response_type must be code and scope must name at least one scope.");
        }

        if (_oauth.Consent is not { } consent)
        {
            return AuthorizePage.Error(409, "No Pinterest user is signed in to the emulator: call PinterestEmulator.ArrangeConsent first.");
        }

        var state = query.GetValueOrDefault("state");
        var deny = AuthorizePage.Back(redirectUri, ("error", "access_denied"), ("state", state));
        if (consent.Mode == EmulatorConsentMode.Deny)
        {
            return AuthorizePage.Redirect(deny);
        }

        var scope = consent.GrantedScope ?? query["scope"];
        var allow = AuthorizePage.Back(redirectUri, ("code", _oauth.CreateAuthorizationCode(consent.AccountId, redirectUri, scope)), ("state", state));
        return consent.Mode == EmulatorConsentMode.Allow
            ? AuthorizePage.Redirect(allow)
            : AuthorizePage.Consent(consent.AccountId, query["scope"], allow, deny);
    }
}
