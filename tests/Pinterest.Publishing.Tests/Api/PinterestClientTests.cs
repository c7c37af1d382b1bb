using Pinterest.Publishing.Api;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Tests.Api;

public sealed class PinterestClientTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_fixed_token_must_not_be_empty(string token)
    {
        using var http = new HttpClient();

        var error = Assert.Throws<ArgumentException>(() => new PinterestClient(http, token));

        Assert.Equal("accessToken", error.ParamName);
    }

    [Fact]
    public void The_token_store_constructor_validates_its_arguments()
    {
        using var http = new HttpClient();

        Assert.Equal("tokenStore", Assert.Throws<ArgumentNullException>(() => new PinterestClient(http, (IPinterestTokenStore)null!, "a")).ParamName);
        Assert.Equal("accountId", Assert.Throws<ArgumentException>(() => new PinterestClient(http, new InMemoryPinterestTokenStore(), " ")).ParamName);
        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new PinterestClient(null!, "token")).ParamName);
    }

    [Fact]
    public void A_client_without_token_manager_cannot_switch_account()
    {
        using var http = new HttpClient();
        var client = new PinterestClient(http, new PinterestClientOptions(), tokenManager: null);

        Assert.Null(client.AccountId);
        Assert.Throws<InvalidOperationException>(() => client.ForAccount("a"));
        Assert.Equal("accountId", Assert.Throws<ArgumentException>(() => client.ForAccount("")).ParamName);
    }

    [Fact]
    public void Sub_clients_share_one_pipeline()
    {
        using var http = new HttpClient();
        var credential = new FakeCredential(accountId: "acct-9");

        var client = new PinterestClient(http, new PinterestClientOptions(), tokenManager: null, credential);

        Assert.Equal("acct-9", client.AccountId);
        Assert.Same(credential, client.Credential);
        Assert.NotNull(client.Pins);
        Assert.NotNull(client.Boards);
        Assert.NotNull(client.Media);
        Assert.NotNull(client.UserAccount);
        Assert.NotNull(client.OAuth);
    }
}
