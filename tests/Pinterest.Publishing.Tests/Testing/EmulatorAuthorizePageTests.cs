using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Pinterest.Publishing.Testing;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

public sealed partial class EmulatorAuthorizePageTests
{
    private const string Redirect = "https://app.example/pinterest/callback";

    private static string AuthorizeQuery(string clientId = "emulator-client-id", string scope = "boards:read,pins:write", string state = "st-1", string responseType = "code") =>
        $"oauth/?client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&response_type={responseType}&scope={Uri.EscapeDataString(scope)}&state={state}";

    [Fact]
    public async Task The_page_offers_allow_and_decline_links_back_to_the_redirect_uri_and_the_code_is_exchangeable()
    {
        using var h = new EmulatorHarness();
        h.Emulator.ArrangeConsent(h.Account);
        using var page = await h.Anonymous.GetAsync(AuthorizeQuery());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var allow = new Uri(WebUtility.HtmlDecode(AllowLink().Match(html).Groups[1].Value));
        var deny = new Uri(WebUtility.HtmlDecode(DenyLink().Match(html).Groups[1].Value));
        Assert.StartsWith(Redirect + "?", allow.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("st-1", QueryHelpers.ParseQuery(allow.Query)["state"]);
        Assert.Equal("access_denied", QueryHelpers.ParseQuery(deny.Query)["error"]);
        Assert.Equal("st-1", QueryHelpers.ParseQuery(deny.Query)["state"]);

        var code = QueryHelpers.ParseQuery(allow.Query)["code"].ToString();
        using var token = await h.Anonymous.SendAsync(TokenRequest($"grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString(Redirect)}"));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal("boards:read,pins:write", (await ReadJsonAsync(token)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Allow_mode_redirects_at_once_with_a_code_granting_the_override_scopes()
    {
        using var h = new EmulatorHarness();
        h.Emulator.ArrangeConsent(h.Account, EmulatorConsentMode.Allow, grantedScope: "boards:read");
        using var response = await h.Anonymous.GetAsync(AuthorizeQuery());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        using var token = await h.Anonymous.SendAsync(TokenRequest($"grant_type=authorization_code&code={query["code"]}&redirect_uri={Uri.EscapeDataString(Redirect)}"));
        Assert.Equal("boards:read", (await ReadJsonAsync(token)).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Deny_mode_redirects_with_access_denied_and_the_state()
    {
        using var h = new EmulatorHarness();
        h.Emulator.ArrangeConsent(h.Account, EmulatorConsentMode.Deny);
        using var response = await h.Anonymous.GetAsync(AuthorizeQuery());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Redirect + "?error=access_denied&state=st-1", response.Headers.Location!.AbsoluteUri);
    }

    [Theory]
    [InlineData("other-client", "code")]
    [InlineData("emulator-client-id", "token")]
    public async Task A_wrong_client_or_response_type_gets_an_error_page_and_no_redirect(string clientId, string responseType)
    {
        using var h = new EmulatorHarness();
        h.Emulator.ArrangeConsent(h.Account, EmulatorConsentMode.Allow);
        using var response = await h.Anonymous.GetAsync(AuthorizeQuery(clientId: clientId, responseType: responseType));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Without_an_arranged_user_the_page_says_how_to_arrange_one()
    {
        using var h = new EmulatorHarness();
        using var response = await h.Anonymous.GetAsync(AuthorizeQuery());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("ArrangeConsent", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage TokenRequest(string form) => new(HttpMethod.Post, "v5/oauth/token")
    {
        Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("emulator-client-id:emulator-client-secret"u8.ToArray())) },
    };

    [GeneratedRegex("id=\"allow\" href=\"([^\"]+)\"")]
    private static partial Regex AllowLink();

    [GeneratedRegex("id=\"deny\" href=\"([^\"]+)\"")]
    private static partial Regex DenyLink();
}
