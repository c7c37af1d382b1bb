using System.Text;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// The organic v5 routes beyond publishing (issue 12, item 12): Pin update, save and list, multi-Pin analytics, board and
// section update and delete, a section's Pins, the media list, top Pins, and token revocation. Handlers live in
// .PinEdits, .BoardEdits and .TopPins; their rows are in ApiRoutes (.Routes) like every other route.
public sealed partial class PinterestEmulator
{
    /// <summary>The answer of an organic route, or <see langword="null"/> when <paramref name="route"/> is none of them.</summary>
    private EmulatorHttpResponse? RouteOrganic(string method, string[] route, EmulatorHttpRequest request, byte[] body, string accountId)
    {
        var query = QueryString.Parse(request.Uri.Query);
        return (method, route) switch
        {
            ("GET", ["pins"]) => HandleListPins(accountId, request.Uri.Query),
            ("GET", ["pins", "analytics"]) => HandleMultiPinAnalytics(accountId, request.Uri.Query),
            ("PATCH", ["pins", var pinId]) => HandleUpdatePin(accountId, pinId, body, query),
            ("POST", ["pins", var pinId, "save"]) => HandleSavePin(accountId, pinId, body, query),
            ("PATCH", ["boards", var boardId]) => HandleUpdateBoard(accountId, boardId, body, query),
            ("DELETE", ["boards", var boardId]) => HandleDeleteBoard(accountId, boardId, query),
            ("PATCH", ["boards", var boardId, "sections", var sectionId]) => HandleUpdateSection(accountId, boardId, sectionId, body, query),
            ("DELETE", ["boards", var boardId, "sections", var sectionId]) => HandleDeleteSection(accountId, boardId, sectionId, query),
            ("GET", ["boards", var boardId, "sections", var sectionId, "pins"]) => HandleListSectionPins(accountId, boardId, sectionId, query),
            ("GET", ["media"]) => HandleListMedia(accountId, query),
            ("GET", ["user_account", "analytics", "top_pins"]) => HandleTopPins(accountId, query, video: false),
            ("GET", ["user_account", "analytics", "top_video_pins"]) => HandleTopPins(accountId, query, video: true),
            _ => null,
        };
    }

    /// <summary>
    /// <c>POST /v5/oauth/token/revoke</c>: the app's Basic credentials and a form with <c>token</c> (and an optional
    /// <c>token_type_hint</c>); answers 200 without a body, also for a token it does not know (RFC 7009, section 2.2).
    /// </summary>
    private EmulatorHttpResponse HandleRevokeToken(EmulatorHttpRequest request, byte[] body)
    {
        if (!_oauth.HasValidClientCredentials(request))
        {
            throw new PinterestApiError(401, 2, "Authentication failed.");
        }

        if (!(request.GetHeader("Content-Type") ?? string.Empty).StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            throw PinterestApiError.Invalid("The revocation request must be application/x-www-form-urlencoded.");
        }

        var form = QueryString.Parse(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("token", out var token) || token.Length == 0)
        {
            throw PinterestApiError.Invalid("Missing parameter: 'token'.");
        }

        if (form.TryGetValue("token_type_hint", out var hint) && hint is not ("access_token" or "refresh_token"))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'token_type_hint'.");
        }

        _oauth.RevokeToken(token);
        return EmulatorHttpResponse.Empty(200);
    }
}
