namespace Pinterest.Publishing.Api.Internal;

/// <summary>The <c>token_type_hint</c> values of <c>POST /v5/oauth/token/revoke</c> (the spec's <c>TokenRevocationRequest</c>).</summary>
internal static class TokenRevocation
{
    public const string AccessToken = "access_token";

    public const string RefreshToken = "refresh_token";
}
