namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Every Pinterest operation the client calls, with the scopes, rate-limit category and sandbox support that
/// <c>openapi.json</c> (v5.23) states for it. Copied from the spec, not guessed: <c>EndpointCatalogTests</c> fails when an
/// entry and the spec disagree, and when a client sends a request for an operation missing here.
/// </summary>
internal static class PinterestEndpoints
{
    /// <summary><c>POST /v5/pins</c> (pins/create).</summary>
    public static readonly PinterestEndpoint PinsCreate = new("pins/create", "POST", "/pins", "create Pin", ["boards:read", "boards:write", "pins:read", "pins:write"], "org_write", InSandbox: true);

    /// <summary><c>GET /v5/pins/{pin_id}</c> (pins/get).</summary>
    public static readonly PinterestEndpoint PinsGet = new("pins/get", "GET", "/pins/{pin_id}", "get Pin", ["boards:read", "pins:read"], "org_read", InSandbox: true);

    /// <summary><c>DELETE /v5/pins/{pin_id}</c> (pins/delete).</summary>
    public static readonly PinterestEndpoint PinsDelete = new("pins/delete", "DELETE", "/pins/{pin_id}", "delete Pin", ["boards:read", "boards:write", "pins:read", "pins:write"], "org_write", InSandbox: true);

    /// <summary><c>PATCH /v5/pins/{pin_id}</c> (pins/update).</summary>
    public static readonly PinterestEndpoint PinsUpdate = new("pins/update", "PATCH", "/pins/{pin_id}", "update Pin", ["boards:read", "boards:write", "pins:read", "pins:write"], "org_write", InSandbox: true);

    /// <summary><c>POST /v5/pins/{pin_id}/save</c> (pins/save).</summary>
    public static readonly PinterestEndpoint PinsSave = new("pins/save", "POST", "/pins/{pin_id}/save", "save Pin", ["boards:read", "boards:write", "pins:read", "pins:write"], "org_write", InSandbox: true);

    /// <summary><c>GET /v5/pins</c> (pins/list).</summary>
    public static readonly PinterestEndpoint PinsList = new("pins/list", "GET", "/pins", "list Pins", ["boards:read", "pins:read"], "org_read", InSandbox: true);

    /// <summary><c>GET /v5/pins/{pin_id}/analytics</c> (pins/analytics).</summary>
    public static readonly PinterestEndpoint PinsAnalytics = new("pins/analytics", "GET", "/pins/{pin_id}/analytics", "get Pin analytics", ["boards:read", "pins:read"], "org_analytics", InSandbox: false);

    /// <summary><c>GET /v5/pins/analytics</c> (multi_pins/analytics).</summary>
    public static readonly PinterestEndpoint MultiPinsAnalytics = new("multi_pins/analytics", "GET", "/pins/analytics", "get analytics of several Pins", ["boards:read", "pins:read"], "org_analytics", InSandbox: false);

    /// <summary><c>GET /v5/boards</c> (boards/list).</summary>
    public static readonly PinterestEndpoint BoardsList = new("boards/list", "GET", "/boards", "list boards", ["boards:read"], "org_read", InSandbox: true);

    /// <summary><c>GET /v5/boards/{board_id}</c> (boards/get).</summary>
    public static readonly PinterestEndpoint BoardsGet = new("boards/get", "GET", "/boards/{board_id}", "get board", ["boards:read"], "org_read", InSandbox: true);

    /// <summary><c>POST /v5/boards</c> (boards/create).</summary>
    public static readonly PinterestEndpoint BoardsCreate = new("boards/create", "POST", "/boards", "create board", ["boards:read", "boards:write"], "org_write", InSandbox: true);

    /// <summary><c>PATCH /v5/boards/{board_id}</c> (boards/update).</summary>
    public static readonly PinterestEndpoint BoardsUpdate = new("boards/update", "PATCH", "/boards/{board_id}", "update board", ["boards:read", "boards:write"], "org_write", InSandbox: true);

    /// <summary><c>DELETE /v5/boards/{board_id}</c> (boards/delete).</summary>
    public static readonly PinterestEndpoint BoardsDelete = new("boards/delete", "DELETE", "/boards/{board_id}", "delete board", ["boards:read", "boards:write"], "org_write", InSandbox: true);

    /// <summary><c>GET /v5/boards/{board_id}/pins</c> (boards/list_pins).</summary>
    public static readonly PinterestEndpoint BoardsListPins = new("boards/list_pins", "GET", "/boards/{board_id}/pins", "list board Pins", ["boards:read", "pins:read"], "org_read", InSandbox: true);

    /// <summary><c>GET /v5/boards/{board_id}/sections</c> (board_sections/list).</summary>
    public static readonly PinterestEndpoint BoardSectionsList = new("board_sections/list", "GET", "/boards/{board_id}/sections", "list board sections", ["boards:read"], "org_read", InSandbox: true);

    /// <summary><c>POST /v5/boards/{board_id}/sections</c> (board_sections/create).</summary>
    public static readonly PinterestEndpoint BoardSectionsCreate = new("board_sections/create", "POST", "/boards/{board_id}/sections", "create board section", ["boards:read", "boards:write"], "org_write", InSandbox: true);

    /// <summary><c>PATCH /v5/boards/{board_id}/sections/{section_id}</c> (board_sections/update).</summary>
    public static readonly PinterestEndpoint BoardSectionsUpdate = new("board_sections/update", "PATCH", "/boards/{board_id}/sections/{section_id}", "update board section", ["boards:read", "boards:write"], "org_write", InSandbox: true);

    /// <summary><c>DELETE /v5/boards/{board_id}/sections/{section_id}</c> (board_sections/delete).</summary>
    public static readonly PinterestEndpoint BoardSectionsDelete = new("board_sections/delete", "DELETE", "/boards/{board_id}/sections/{section_id}", "delete board section", ["boards:read", "boards:write"], "org_write", InSandbox: true);

    /// <summary><c>GET /v5/boards/{board_id}/sections/{section_id}/pins</c> (board_sections/list_pins).</summary>
    public static readonly PinterestEndpoint BoardSectionsListPins = new("board_sections/list_pins", "GET", "/boards/{board_id}/sections/{section_id}/pins", "list board section Pins", ["boards:read", "pins:read"], "org_read", InSandbox: true);

    /// <summary><c>POST /v5/media</c> (media/create).</summary>
    public static readonly PinterestEndpoint MediaCreate = new("media/create", "POST", "/media", "register media upload", ["pins:read", "pins:write"], "org_write", InSandbox: true);

    /// <summary><c>GET /v5/media/{media_id}</c> (media/get).</summary>
    public static readonly PinterestEndpoint MediaGet = new("media/get", "GET", "/media/{media_id}", "get media upload status", ["pins:read"], "org_read", InSandbox: true);

    /// <summary><c>GET /v5/media</c> (media/list).</summary>
    public static readonly PinterestEndpoint MediaList = new("media/list", "GET", "/media", "list media uploads", ["pins:read"], "org_read", InSandbox: true);

    /// <summary><c>GET /v5/user_account</c> (user_account/get).</summary>
    public static readonly PinterestEndpoint UserAccountGet = new("user_account/get", "GET", "/user_account", "get user account", ["user_accounts:read"], "org_read", InSandbox: true);

    /// <summary><c>GET /v5/user_account/analytics</c> (user_account/analytics).</summary>
    public static readonly PinterestEndpoint UserAccountAnalytics = new("user_account/analytics", "GET", "/user_account/analytics", "get user account analytics", ["user_accounts:read"], "org_analytics", InSandbox: false);

    /// <summary><c>GET /v5/user_account/analytics/top_pins</c> (user_account/analytics/top_pins).</summary>
    public static readonly PinterestEndpoint UserAccountTopPins = new("user_account/analytics/top_pins", "GET", "/user_account/analytics/top_pins", "get top Pins analytics", ["pins:read", "user_accounts:read"], "org_analytics", InSandbox: false);

    /// <summary><c>GET /v5/user_account/analytics/top_video_pins</c> (user_account/analytics/top_video_pins).</summary>
    public static readonly PinterestEndpoint UserAccountTopVideoPins = new("user_account/analytics/top_video_pins", "GET", "/user_account/analytics/top_video_pins", "get top video Pins analytics", ["pins:read", "user_accounts:read"], "org_analytics", InSandbox: false);

    /// <summary><c>POST /v5/oauth/token</c> (oauth/token) with <c>grant_type=authorization_code</c>.</summary>
    public static readonly PinterestEndpoint OAuthExchangeCode = new("oauth/token", "POST", "/oauth/token", "exchange authorization code", [], "org_read", InSandbox: true);

    /// <summary><c>POST /v5/oauth/token</c> (oauth/token) with <c>grant_type=refresh_token</c>.</summary>
    public static readonly PinterestEndpoint OAuthRefresh = new("oauth/token", "POST", "/oauth/token", "refresh access token", [], "org_read", InSandbox: true);

    /// <summary><c>POST /v5/oauth/token/revoke</c> (token/revoke).</summary>
    public static readonly PinterestEndpoint TokenRevoke = new("token/revoke", "POST", "/oauth/token/revoke", "revoke token", [], "org_write", InSandbox: true);

    /// <summary>Every entry of the catalog.</summary>
    public static IReadOnlyList<PinterestEndpoint> All { get; } =
    [
        PinsCreate, PinsGet, PinsDelete, PinsUpdate, PinsSave, PinsList, PinsAnalytics, MultiPinsAnalytics,
        BoardsList, BoardsGet, BoardsCreate, BoardsUpdate, BoardsDelete, BoardsListPins,
        BoardSectionsList, BoardSectionsCreate, BoardSectionsUpdate, BoardSectionsDelete, BoardSectionsListPins,
        MediaCreate, MediaGet, MediaList,
        UserAccountGet, UserAccountAnalytics, UserAccountTopPins, UserAccountTopVideoPins,
        OAuthExchangeCode, OAuthRefresh, TokenRevoke,
    ];
}
