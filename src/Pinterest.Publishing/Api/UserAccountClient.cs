using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/user_account</c>.</summary>
public sealed class UserAccountClient
{
    internal UserAccountClient()
    {
    }

    /// <summary><c>GET /v5/user_account</c>.</summary>
    public Task<UserAccount> GetAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
