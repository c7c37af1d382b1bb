using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// The API's routes: which handler serves a method and path under /v5/, after authentication and the rate limit.
// A new route is a row in ApiRoutes (checked against Pinterest's OpenAPI spec by a test), a case in Route, and a
// handler in the partial of its resource.
public sealed partial class PinterestEmulator
{
    /// <summary>The Pinterest routes <see cref="Route"/> serves, as spec path templates (for contract tests against openapi.json).</summary>
    internal static readonly (string Method, string Path)[] ApiRoutes =
    [
        ("POST", "/oauth/token"),
        ("GET", "/user_account"),
        ("GET", "/user_account/analytics"),
        ("GET", "/boards"),
        ("POST", "/boards"),
        ("GET", "/boards/{board_id}"),
        ("GET", "/boards/{board_id}/sections"),
        ("POST", "/boards/{board_id}/sections"),
        ("GET", "/boards/{board_id}/pins"),
        ("POST", "/pins"),
        ("GET", "/pins/{pin_id}"),
        ("DELETE", "/pins/{pin_id}"),
        ("GET", "/pins/{pin_id}/analytics"),
        ("POST", "/media"),
        ("GET", "/media/{media_id}"),
    ];

    private EmulatorHttpResponse Route(string method, string[] segments, EmulatorHttpRequest request, byte[] body, EmulatedRequest record)
    {
        if (segments is not ["v5", ..])
        {
            throw new PinterestApiError(404, 404, "Not found.");
        }

        var route = segments[1..];
        var query = QueryString.Parse(request.Uri.Query);

        if (route is ["oauth", "token"])
        {
            RequireMethod(method, "POST");
            return _oauth.HandleTokenRequest(request, body);
        }

        var accountId = Authenticate(record);
        _rateLimiter.Check(accountId, method, route);
        if (_options.Sandbox)
        {
            SandboxRefusals.CheckOperation(method, route);
        }

        switch (route)
        {
            case ["user_account"]:
                RequireMethod(method, "GET");
                return HandleGetUserAccount(accountId);
            case ["user_account", "analytics"]:
                RequireMethod(method, "GET");
                return HandleUserAccountAnalytics(query);
            case ["boards"]:
                return method == "POST" ? HandleCreateBoard(accountId, body) : RequireGet(method, () => HandleListBoards(accountId, query));
            case ["boards", var boardId]:
                RequireMethod(method, "GET");
                return HandleGetBoard(accountId, boardId);
            case ["boards", var boardId, "sections"]:
                return method == "POST" ? HandleCreateSection(accountId, boardId, body) : RequireGet(method, () => HandleListSections(accountId, boardId, query));
            case ["boards", var boardId, "pins"]:
                RequireMethod(method, "GET");
                return HandleListBoardPins(accountId, boardId, query);
            case ["pins"]:
                RequireMethod(method, "POST");
                return HandleCreatePin(accountId, body);
            case ["pins", var pinId]:
                return method == "DELETE" ? HandleDeletePin(accountId, pinId) : RequireGet(method, () => HandleGetPin(accountId, pinId));
            case ["pins", var pinId, "analytics"]:
                RequireMethod(method, "GET");
                return HandlePinAnalytics(accountId, pinId, query);
            case ["media"]:
                RequireMethod(method, "POST");
                return HandleRegisterMedia(accountId, body, request.Uri);
            case ["media", var mediaId]:
                RequireMethod(method, "GET");
                return HandleGetMedia(accountId, mediaId);
            default:
                throw new PinterestApiError(404, 404, "Not found.");
        }
    }

    private static void RequireMethod(string method, string expected)
    {
        if (method != expected)
        {
            throw new PinterestApiError(405, 405, "Method not allowed.");
        }
    }

    private static EmulatorHttpResponse RequireGet(string method, Func<EmulatorHttpResponse> handler)
    {
        RequireMethod(method, "GET");
        return handler();
    }

    private string Authenticate(EmulatedRequest record)
    {
        if (_oauth.FindAccount(record.AccessToken) is { } accountId)
        {
            record.AccountId = accountId;

            // A valid token without the scopes of the call is refused before anything else, as Pinterest does.
            var route = EmulatorHttpRequest.SplitPath(record.Path).AsSpan(1);
            if (RouteScopes.For(record.Method, route) is { } required && !RouteScopes.Grants(_oauth.ScopeOf(record.AccessToken) ?? string.Empty, required))
            {
                throw new PinterestApiError(401, 3, RouteScopes.InsufficientScopeMessage);
            }

            return accountId;
        }

        throw new PinterestApiError(401, 2, "Authentication failed.");
    }
}
