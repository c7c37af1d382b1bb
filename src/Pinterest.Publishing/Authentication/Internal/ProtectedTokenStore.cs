using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Encrypts the access and refresh tokens with Data Protection before the inner store sees them, and decrypts them on the
/// way back. A token stored before protection was turned on (no prefix) is read as it is and protected at its next store.
/// Made by <see cref="Over"/>, which offers removal only when the inner store can remove: a caller that checks for
/// <see cref="IPinterestTokenStoreRemoval"/> before revoking must not be told yes and then fail after the revocation.
/// </summary>
internal class ProtectedTokenStore : IPinterestTokenStore
{
    /// <summary>The purpose string; stable, or every stored token would become unreadable.</summary>
    public const string Purpose = "Pinterest.Publishing.Tokens.v1";

    /// <summary>Marks a protected value, so that plain tokens from before can still be read.</summary>
    internal const string Prefix = "pdp1:";

    private readonly IPinterestTokenStore _inner;
    private readonly IDataProtector _protector;
    private readonly ILogger _logger;

    protected ProtectedTokenStore(IPinterestTokenStore inner, IDataProtectionProvider dataProtection, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(dataProtection);
        _inner = inner;
        _protector = dataProtection.CreateProtector(Purpose);
        _logger = loggerFactory.CreateLogger(AuthenticationLog.CategoryName);
    }

    /// <summary>Protects <paramref name="inner"/>; the result implements <see cref="IPinterestTokenStoreRemoval"/> exactly when <paramref name="inner"/> does.</summary>
    public static ProtectedTokenStore Over(IPinterestTokenStore inner, IDataProtectionProvider dataProtection, ILoggerFactory loggerFactory) =>
        inner is IPinterestTokenStoreRemoval
            ? new ProtectedTokenStoreWithRemoval(inner, dataProtection, loggerFactory)
            : new ProtectedTokenStore(inner, dataProtection, loggerFactory);

    /// <summary>The store underneath.</summary>
    internal IPinterestTokenStore Inner => _inner;

    /// <exception cref="PinterestReauthorizationRequiredException">The stored token cannot be decrypted (its key is revoked or lost): the account must be connected again.</exception>
    public async Task<PinterestToken?> GetTokenAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var stored = await _inner.GetTokenAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        try
        {
            return stored with
            {
                AccessToken = Unprotect(stored.AccessToken)!,
                RefreshToken = Unprotect(stored.RefreshToken),
            };
        }
        catch (CryptographicException ex)
        {
            // Not retried: the key will not come back by itself, so the account is told to connect again instead of
            // failing the same way at every call.
            AuthenticationLog.StoredTokenUnreadable(_logger, accountId);
            throw new PinterestReauthorizationRequiredException(
                $"The stored Pinterest token of account '{accountId}' cannot be decrypted: its Data Protection key (purpose {Purpose}) is revoked, lost or belongs to another application. Share the key ring between all instances (PersistKeysTo…, SetApplicationName), or connect the account again.",
                accountId,
                ex);
        }
    }

    public Task StoreTokenAsync(string accountId, PinterestToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var protectedToken = token with
        {
            AccessToken = Protect(token.AccessToken)!,
            RefreshToken = Protect(token.RefreshToken),
        };
        return _inner.StoreTokenAsync(accountId, protectedToken, cancellationToken);
    }

    private string? Protect(string? value) =>
        string.IsNullOrEmpty(value) ? value : Prefix + _protector.Protect(value);

    private string? Unprotect(string? value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(value[Prefix.Length..]) : value;
}
