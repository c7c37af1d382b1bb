using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A credential whose token and refresh answers the test controls.</summary>
internal sealed class FakeCredential : IPinterestCredential
{
    private readonly Queue<string?> _refreshAnswers = new();

    public FakeCredential(string token = "test-access-token", string? accountId = "account-1")
    {
        Token = token;
        AccountId = accountId;
    }

    public string? AccountId { get; }

    public string Token { get; set; }

    public int GetCalls { get; private set; }

    public List<string> RejectedTokens { get; } = [];

    /// <summary>The next refresh answers (a token, or null for "cannot refresh"); empty queue → null.</summary>
    public FakeCredential WillRefreshTo(params string?[] tokens)
    {
        foreach (var token in tokens)
        {
            _refreshAnswers.Enqueue(token);
        }

        return this;
    }

    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        GetCalls++;
        return new(Token);
    }

    public ValueTask<string?> RefreshAfterUnauthorizedAsync(string rejectedAccessToken, CancellationToken cancellationToken)
    {
        RejectedTokens.Add(rejectedAccessToken);
        var next = _refreshAnswers.Count > 0 ? _refreshAnswers.Dequeue() : null;
        if (next is not null)
        {
            Token = next;
        }

        return new(next);
    }
}
