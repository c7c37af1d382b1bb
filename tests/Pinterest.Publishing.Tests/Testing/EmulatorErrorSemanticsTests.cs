using System.Net;
using System.Net.Http.Headers;
using Pinterest.Publishing.Testing;
using Pinterest.Publishing.Testing.Internal;
using static Pinterest.Publishing.Tests.TestSupport.EmulatorHarness;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>
/// The emulator answers Pinterest's errors as Pinterest does: a token without a route's scopes gets 401 code 3, a spam
/// block can be worded in <c>message_detail</c> or <c>message</c>, and 403 code 29 is either the Trial refusal (with
/// its own wording) or the generic "not permitted".
/// </summary>
public sealed class EmulatorErrorSemanticsTests
{
    private const string InsufficientScopeMessage = "Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes.";
    private const string ImageSource = """{"source_type":"image_url","url":"https://img.example/a.jpg"}""";

    private static readonly string[] AllScopes = PinterestEmulator.DefaultScope.Split(',');

    /// <summary>Every emulated API route (the token endpoint authenticates with client credentials, not scopes).</summary>
    public static TheoryData<string, string> BearerRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in PinterestEmulator.ApiRoutes.Where(r => r.Path != "/oauth/token"))
        {
            data.Add(method, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BearerRoutes))]
    public void Every_emulated_route_needs_the_scopes_the_spec_states(string method, string template)
    {
        var scopes = RouteScopes.For(method, template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.StartsWith('{') ? "1" : s).ToArray());

        Assert.NotNull(scopes);
        Assert.NotEmpty(scopes);
    }

    [Theory]
    [MemberData(nameof(BearerRoutes))]
    public async Task A_token_missing_any_scope_of_a_route_gets_401_code_3(string method, string template)
    {
        using var h = new EmulatorHarness();
        var path = "v5" + string.Join("", template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => "/" + (s.StartsWith('{') ? "1" : s)));
        var required = RouteScopes.For(method, path.Split('/').AsSpan(1))!;

        foreach (var scope in required)
        {
            var token = h.Emulator.IssueTokens(h.Account, string.Join(',', AllScopes.Where(s => s != scope)));
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" || method == "DELETE" ? null : Json("{}") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);

            var body = await AssertErrorAsync(await h.Anonymous.SendAsync(request), HttpStatusCode.Unauthorized, 3);

            Assert.Equal(InsufficientScopeMessage, body.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task The_user_account_needs_user_accounts_read_and_publishing_scopes_do_not_grant_it()
    {
        using var h = new EmulatorHarness();
        var publishingOnly = h.Emulator.IssueTokens(h.Account, "boards:read,boards:write,pins:read,pins:write");
        using var client = h.Emulator.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", publishingOnly.AccessToken);

        await AssertErrorAsync(await client.GetAsync("v5/user_account"), HttpStatusCode.Unauthorized, 3);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("v5/boards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.Client.GetAsync("v5/user_account")).StatusCode);
        Assert.Equal(0, h.Emulator.TokenRefreshCount);
    }

    [Fact]
    public async Task A_spam_block_can_word_its_reason_in_message_instead()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.SpamBlock(wordingInMessage: true));

        var body = await AssertErrorAsync(await CreatePinAsync(h, board.Id), HttpStatusCode.TooManyRequests, 8);

        Assert.Equal("Sorry! You've hit a block (Pins) we have in place to combat spam.", body.GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("message_detail", out _));
    }

    [Fact]
    public async Task Trial_access_is_refused_with_pinterests_trial_wording()
    {
        using var h = new EmulatorHarness();
        var board = h.Emulator.AddBoard(h.Account, "Board");
        h.Emulator.TrialAccess = true;

        var body = await AssertErrorAsync(await CreatePinAsync(h, board.Id), HttpStatusCode.Forbidden, 29);

        Assert.Equal(
            "Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.",
            body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_collaborator_without_save_permission_gets_the_generic_403_code_29_and_nothing_is_stored()
    {
        using var h = new EmulatorHarness();
        var owner = h.Emulator.AddAccount("owner");
        var groupBoard = h.Emulator.AddBoard(owner, "Group board");
        h.Emulator.AddReadOnlyBoardCollaborator(groupBoard, h.Account);

        var body = await AssertErrorAsync(await CreatePinAsync(h, groupBoard.Id), HttpStatusCode.Forbidden, 29);

        Assert.Equal("You are not permitted to access that resource.", body.GetProperty("message").GetString());
        Assert.Empty(h.Emulator.Pins);
        Assert.Throws<ArgumentException>(() => h.Emulator.AddReadOnlyBoardCollaborator(groupBoard, owner));
    }

    private static Task<HttpResponseMessage> CreatePinAsync(EmulatorHarness h, string boardId) =>
        h.PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{boardId}}}","media_source":{{{ImageSource}}}}""");
}
