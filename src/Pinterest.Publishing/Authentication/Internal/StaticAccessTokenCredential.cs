
namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>A fixed access token: nothing to refresh, so a 401 means the token must be replaced.</summary>
internal sealed class StaticAccessTokenCredential : IPinterestCredential
{
    private readonly string _accessToken;

    public StaticAccessTokenCredential(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        _accessToken = accessToken;
    }

    public string? AccountId => null;

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<string>(_accessToken);
    }

    public ValueTask<string?> RefreshAfterUnauthorizedAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        new((string?)null);

    // Never render the token.
    public override string ToString() => nameof(StaticAccessTokenCredential);
}
