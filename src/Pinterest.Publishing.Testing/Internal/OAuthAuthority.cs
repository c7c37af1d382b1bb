using System.Text;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The emulator's OAuth server: issues access and refresh tokens and single-use authorization codes, serves the token
/// endpoint (<c>authorization_code</c> and <c>refresh_token</c> grants, with refresh-token rotation: each refresh spends
/// the refresh token it is sent and issues one valid for another <see cref="PinterestEmulatorOptions.RefreshTokenLifetime"/>),
/// and tells which account an access token belongs to. Thread-safe.
/// </summary>
internal sealed class OAuthAuthority(PinterestEmulatorOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccessGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationGrant> _authorizationCodes = new(StringComparer.Ordinal);
    private (string AccountId, EmulatorConsentMode Mode, string? GrantedScope)? _consent;
    private int _refreshCount;
    private int _codeExchangeCount;

    /// <summary>How many <c>refresh_token</c> grants succeeded.</summary>
    public int RefreshCount => Volatile.Read(ref _refreshCount);

    /// <summary>How many <c>authorization_code</c> grants succeeded.</summary>
    public int CodeExchangeCount => Volatile.Read(ref _codeExchangeCount);

    /// <summary>Issues a fresh access and refresh token pair for <paramref name="accountId"/>.</summary>
    public PinterestToken Issue(string accountId, string scope)
    {
        lock (_gate)
        {
            return IssueLocked(accountId, scope);
        }
    }

    /// <summary>Creates a single-use code that the token endpoint exchanges when the same redirect URI is repeated.</summary>
    public string CreateAuthorizationCode(string accountId, string redirectUri, string scope)
    {
        var code = EmulatorRandom.Token("pinc_");
        lock (_gate)
        {
            _authorizationCodes[code] = new AuthorizationGrant(accountId, redirectUri, scope);
        }

        return code;
    }

    /// <summary>Who consents on the authorize page, and how (<see cref="PinterestEmulator.ArrangeConsent"/>).</summary>
    public void ArrangeConsent(string accountId, EmulatorConsentMode mode, string? grantedScope)
    {
        lock (_gate)
        {
            _consent = (accountId, mode, grantedScope);
        }
    }

    /// <summary>Who consents on the authorize page, and how, or <see langword="null"/> when nobody was arranged.</summary>
    public (string AccountId, EmulatorConsentMode Mode, string? GrantedScope)? Consent
    {
        get
        {
            lock (_gate)
            {
                return _consent;
            }
        }
    }

    /// <summary>Revokes every access and refresh token of <paramref name="accountId"/>.</summary>
    public void Revoke(string accountId)
    {
        lock (_gate)
        {
            RemoveWhere(_accessTokens, g => g.AccountId == accountId);
            RemoveWhere(_refreshTokens, g => g.AccountId == accountId);
        }
    }

    /// <summary>Revokes one access or refresh token (<c>POST /v5/oauth/token/revoke</c>); an unknown token is no error (RFC 7009).</summary>
    public void RevokeToken(string token)
    {
        lock (_gate)
        {
            _accessTokens.Remove(token);
            _refreshTokens.Remove(token);
        }
    }

    /// <summary>The account a live (issued, unexpired, unrevoked) access token belongs to, or <see langword="null"/>.</summary>
    public string? FindAccount(string? accessToken)
    {
        if (accessToken is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _accessTokens.TryGetValue(accessToken, out var grant) && grant.ExpiresAt > time.GetUtcNow() ? grant.AccountId : null;
        }
    }

    /// <summary>The comma-separated scopes granted with a live access token, or <see langword="null"/> (as <see cref="FindAccount"/>).</summary>
    public string? ScopeOf(string? accessToken)
    {
        if (accessToken is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _accessTokens.TryGetValue(accessToken, out var grant) && grant.ExpiresAt > time.GetUtcNow() ? grant.Scope : null;
        }
    }

    /// <summary>
    /// Whether <paramref name="bearer"/> is one of this emulator's access tokens, or shaped like any Pinterest access
    /// token: the upload endpoint records it, since a presigned upload must never carry one.
    /// </summary>
    public bool IsPinterestAccessToken(string? bearer)
    {
        if (bearer is null)
        {
            return false;
        }

        lock (_gate)
        {
            return _accessTokens.ContainsKey(bearer) || bearer.StartsWith("pina_", StringComparison.Ordinal);
        }
    }

    /// <summary>Serves <c>POST /v5/oauth/token</c>: HTTP Basic client credentials and a form-encoded grant.</summary>
    public EmulatorHttpResponse HandleTokenRequest(EmulatorHttpRequest request, byte[] body)
    {
        if (!HasValidClientCredentials(request))
        {
            throw new PinterestApiError(401, 2, "Authentication failed.");
        }

        var contentType = request.GetHeader("Content-Type") ?? string.Empty;
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw PinterestApiError.Invalid("The token request must be application/x-www-form-urlencoded.");
        }

        var form = QueryString.Parse(Encoding.UTF8.GetString(body));
        var grantType = form.GetValueOrDefault("grant_type");
        switch (grantType)
        {
            case "authorization_code":
                return ExchangeAuthorizationCode(form);
            case "refresh_token":
                return RefreshAccessToken(form);
            case null or "":
                throw PinterestApiError.Invalid("Missing parameter: 'grant_type'.");
            default:
                throw PinterestApiError.Invalid("Unsupported grant_type.");
        }
    }

    /// <summary>Whether the request carries the app's client id and secret as HTTP Basic credentials.</summary>
    public bool HasValidClientCredentials(EmulatorHttpRequest request)
    {
        var header = request.GetHeader("Authorization");
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            && string.Equals(decoded[..separator], options.ClientId, StringComparison.Ordinal)
            && string.Equals(decoded[(separator + 1)..], options.ClientSecret, StringComparison.Ordinal);
    }

    private EmulatorHttpResponse ExchangeAuthorizationCode(Dictionary<string, string> form)
    {
        var code = form.GetValueOrDefault("code");
        var redirectUri = form.GetValueOrDefault("redirect_uri");
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(redirectUri))
        {
            throw PinterestApiError.Invalid("Missing parameter: 'code' and 'redirect_uri' are required.");
        }

        if (form.TryGetValue("continuous_refresh", out var continuous) && continuous is not ("true" or "false"))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'continuous_refresh' must be true or false.");
        }

        PinterestToken token;
        lock (_gate)
        {
            // Codes are single use: a replayed or unknown code is an invalid grant, as is one sent with another redirect
            // URI than the one it was issued for, compared exactly (no trailing slash or escaping is normalised).
            if (!_authorizationCodes.Remove(code, out var grant)
                || !string.Equals(grant.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                throw InvalidGrant();
            }

            token = IssueLocked(grant.AccountId, grant.Scope);
        }

        Interlocked.Increment(ref _codeExchangeCount);
        return TokenResponse(token, "authorization_code");
    }

    private EmulatorHttpResponse RefreshAccessToken(Dictionary<string, string> form)
    {
        var refreshToken = form.GetValueOrDefault("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw PinterestApiError.Invalid("Missing parameter: 'refresh_token'.");
        }

        PinterestToken token;
        lock (_gate)
        {
            // Rotation: the presented refresh token is consumed; only the one returned now stays valid. An unknown, spent,
            // revoked or expired refresh token is an invalid grant.
            if (!_refreshTokens.Remove(refreshToken, out var grant) || grant.ExpiresAt <= time.GetUtcNow())
            {
                throw InvalidGrant();
            }

            token = IssueLocked(grant.AccountId, form.GetValueOrDefault("scope") is { Length: > 0 } scope ? scope : grant.Scope);
        }

        Interlocked.Increment(ref _refreshCount);
        return TokenResponse(token, "refresh_token");
    }

    /// <summary>
    /// Pinterest's answer to a refresh token or code it does not accept: 401 code 283 (pinterest/pinterest-python-sdk#114).
    /// A wrong client id or secret is 401 code 2 instead (<see cref="HandleTokenRequest"/>).
    /// </summary>
    private static PinterestApiError InvalidGrant() => new(401, 283, "The authorization grant is invalid");

    private PinterestToken IssueLocked(string accountId, string scope)
    {
        var now = time.GetUtcNow();
        var access = EmulatorRandom.Token("pina_");
        var refresh = EmulatorRandom.Token("pinr_");
        var token = new PinterestToken
        {
            AccessToken = access,
            ExpiresAt = now + options.AccessTokenLifetime,
            RefreshToken = refresh,
            RefreshTokenExpiresAt = now + options.RefreshTokenLifetime,
            Scope = scope,
        };
        _accessTokens[access] = new AccessGrant(accountId, scope, token.ExpiresAt);
        _refreshTokens[refresh] = new AccessGrant(accountId, scope, token.RefreshTokenExpiresAt.Value);
        return token;
    }

    private EmulatorHttpResponse TokenResponse(PinterestToken token, string responseType) => EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("access_token", token.AccessToken);
        w.WriteString("token_type", "bearer");
        w.WriteNumber("expires_in", (long)options.AccessTokenLifetime.TotalSeconds);
        w.WriteString("scope", token.Scope);
        w.WriteString("response_type", responseType);
        w.WriteString("refresh_token", token.RefreshToken);
        w.WriteNumber("refresh_token_expires_in", (long)options.RefreshTokenLifetime.TotalSeconds);
        w.WriteNumber("refresh_token_expires_at", token.RefreshTokenExpiresAt!.Value.ToUnixTimeSeconds());
        w.WriteEndObject();
    }));

    private static void RemoveWhere(Dictionary<string, AccessGrant> grants, Func<AccessGrant, bool> predicate)
    {
        foreach (var key in grants.Where(pair => predicate(pair.Value)).Select(pair => pair.Key).ToArray())
        {
            grants.Remove(key);
        }
    }

    private sealed record AccessGrant(string AccountId, string Scope, DateTimeOffset ExpiresAt);

    private sealed record AuthorizationGrant(string AccountId, string RedirectUri, string Scope);
}
