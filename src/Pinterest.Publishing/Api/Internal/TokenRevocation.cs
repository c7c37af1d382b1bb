using System.Runtime.CompilerServices;

namespace Pinterest.Publishing.Api.Internal;

/// <summary><c>POST /v5/oauth/token/revoke</c> (the spec's <c>TokenRevocationRequest</c>, form-encoded, HTTP Basic).</summary>
internal static class TokenRevocation
{
    /// <summary>The <c>token_type_hint</c> of an access token.</summary>
    public const string AccessToken = "access_token";

    /// <summary>The <c>token_type_hint</c> of a refresh token.</summary>
    public const string RefreshToken = "refresh_token";

    /// <summary>
    /// The revocation of <paramref name="token"/>. Idempotent: revoking a token that is already invalid is no error
    /// (RFC 7009), so a resend after a lost answer is safe.
    /// </summary>
    public static PinterestApiRequest Request(
        string token,
        string? tokenTypeHint,
        [CallerArgumentExpression(nameof(token))] string? tokenName = null,
        [CallerArgumentExpression(nameof(tokenTypeHint))] string? hintName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token, tokenName);
        if (tokenTypeHint is not (null or AccessToken or RefreshToken))
        {
            throw new ArgumentException($"The token type hint must be {AccessToken}, {RefreshToken} or null.", hintName);
        }

        List<KeyValuePair<string, string>> fields = [new("token", token)];
        if (tokenTypeHint is not null)
        {
            fields.Add(new("token_type_hint", tokenTypeHint));
        }

        var request = PinterestApiRequest.Form(PinterestEndpoints.TokenRevoke, "oauth/token/revoke", fields);
        request.IsIdempotent = true;
        return request;
    }
}
