using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/boards</c> and board sections.</summary>
public class BoardsClient
{
    private readonly PinterestApiTransport? _transport;
    private readonly IPinterestCredential? _credential;

    /// <summary>For mocking: a client that is not connected to Pinterest. Override the members your test calls.</summary>
    protected BoardsClient()
    {
    }

    internal BoardsClient(PinterestApiTransport transport, IPinterestCredential? credential)
    {
        _transport = transport;
        _credential = credential;
    }

    // A test double has no transport: the member that needed one names itself in the exception.
    private PinterestApiTransport Connected([CallerMemberName] string member = "") => _transport ?? throw ClientForMocking.NotConnected(this, member);

    /// <summary><c>GET /v5/boards</c>, following <c>bookmark</c> through every page: every board of the account.</summary>
    /// <param name="pageSize">Boards per request, 1 to 250.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="PinterestApiException">Also when the list does not end: a page cursor repeats or is longer than 4,096 characters, 100 empty pages come in a row, or there are more than 10,000 pages.</exception>
    public virtual IAsyncEnumerable<Board> GetBoardsAsync(int pageSize = PinterestLimits.MaxPageSize, CancellationToken cancellationToken = default)
    {
        BookmarkPages.ValidatePageSize(pageSize);
        return PageAsync(Connected(), PinterestEndpoints.BoardsList, "boards", pageSize, PinterestJsonContext.Default.PinterestPageBoard, PageCursorGuard.MaxPages, filters: null, cancellationToken);
    }

    /// <summary><c>GET /v5/boards/{board_id}</c>.</summary>
    public virtual Task<Board> GetAsync(string boardId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.BoardsGet, BoardPath(boardId));
        return Connected().SendAsync(request, PinterestJsonContext.Default.Board, _credential, cancellationToken);
    }

    /// <summary><c>POST /v5/boards</c>. Not retried by this layer.</summary>
    public virtual Task<Board> CreateAsync(CreateBoardRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("The board name is required.", nameof(request));
        }

        var apiRequest = PinterestApiRequest.Json(PinterestEndpoints.BoardsCreate, "boards", request, PinterestJsonContext.Default.CreateBoardRequest);
        return Connected().SendAsync(apiRequest, PinterestJsonContext.Default.Board, _credential, cancellationToken);
    }

    /// <summary><c>POST /v5/boards/{board_id}/sections</c>. Not retried by this layer.</summary>
    public virtual Task<BoardSection> CreateSectionAsync(string boardId, CreateBoardSectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("The section name is required.", nameof(request));
        }

        var apiRequest = PinterestApiRequest.Json(PinterestEndpoints.BoardSectionsCreate, BoardPath(boardId) + "/sections", request, PinterestJsonContext.Default.CreateBoardSectionRequest);
        return Connected().SendAsync(apiRequest, PinterestJsonContext.Default.BoardSection, _credential, cancellationToken);
    }

    /// <summary><c>GET /v5/boards/{board_id}/sections</c>, following <c>bookmark</c> through every page.</summary>
    /// <exception cref="PinterestApiException">Also when the list does not end: a page cursor repeats or is longer than 4,096 characters, 100 empty pages come in a row, or there are more than 10,000 pages.</exception>
    public virtual IAsyncEnumerable<BoardSection> GetSectionsAsync(string boardId, int pageSize = PinterestLimits.MaxPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        BookmarkPages.ValidatePageSize(pageSize);
        return PageAsync(Connected(), PinterestEndpoints.BoardSectionsList, BoardPath(boardId) + "/sections", pageSize, PinterestJsonContext.Default.PinterestPageBoardSection, PageCursorGuard.MaxPages, filters: null, cancellationToken);
    }

    /// <summary>
    /// <c>PATCH /v5/boards/{board_id}</c>: changes the name, description or privacy of a board; properties left
    /// <see langword="null"/> keep their value.
    /// </summary>
    /// <param name="boardId">The board id.</param>
    /// <param name="request">What to change.</param>
    /// <param name="adAccountId">Business Access: act for the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<Board> UpdateAsync(string boardId, UpdateBoardRequest request, string? adAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        ArgumentNullException.ThrowIfNull(request);
        var apiRequest = PinterestApiRequest.Json(PinterestEndpoints.BoardsUpdate, BoardPath(boardId), request, PinterestJsonContext.Default.UpdateBoardRequest)
            .WithQuery(BusinessAccess.Query(adAccountId));

        // Setting the same values again leaves the same board: a resend after a lost answer is safe.
        apiRequest.IsIdempotent = true;
        return Connected().SendAsync(apiRequest, PinterestJsonContext.Default.Board, _credential, cancellationToken);
    }

    /// <summary><c>DELETE /v5/boards/{board_id}</c>: deletes the board and every Pin and section on it.</summary>
    /// <param name="boardId">The board id.</param>
    /// <param name="adAccountId">Business Access: act for the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task DeleteAsync(string boardId, string? adAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.BoardsDelete, BoardPath(boardId)).WithQuery(BusinessAccess.Query(adAccountId));
        return Connected().SendAsync(request, _credential, cancellationToken);
    }

    /// <summary><c>PATCH /v5/boards/{board_id}/sections/{section_id}</c>: renames a section.</summary>
    /// <param name="boardId">The board id.</param>
    /// <param name="sectionId">The section id.</param>
    /// <param name="request">The new name.</param>
    /// <param name="adAccountId">Business Access: act for the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<BoardSection> UpdateSectionAsync(string boardId, string sectionId, UpdateBoardSectionRequest request, string? adAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionId);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("The section name (UpdateBoardSectionRequest.Name) is required.", nameof(request));
        }

        var apiRequest = PinterestApiRequest.Json(PinterestEndpoints.BoardSectionsUpdate, SectionPath(boardId, sectionId), request, PinterestJsonContext.Default.UpdateBoardSectionRequest)
            .WithQuery(BusinessAccess.Query(adAccountId));
        apiRequest.IsIdempotent = true;
        return Connected().SendAsync(apiRequest, PinterestJsonContext.Default.BoardSection, _credential, cancellationToken);
    }

    /// <summary><c>DELETE /v5/boards/{board_id}/sections/{section_id}</c>: deletes a section and the Pins in it.</summary>
    /// <param name="boardId">The board id.</param>
    /// <param name="sectionId">The section id.</param>
    /// <param name="adAccountId">Business Access: act for the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task DeleteSectionAsync(string boardId, string sectionId, string? adAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.BoardSectionsDelete, SectionPath(boardId, sectionId)).WithQuery(BusinessAccess.Query(adAccountId));
        return Connected().SendAsync(request, _credential, cancellationToken);
    }

    /// <summary><c>GET /v5/boards/{board_id}/sections/{section_id}/pins</c>, following <c>bookmark</c> through every page.</summary>
    /// <param name="boardId">The board id.</param>
    /// <param name="sectionId">The section id.</param>
    /// <param name="pageSize">Pins per request, 1 to 250.</param>
    /// <param name="adAccountId">Business Access: act for the owner of this ad account (<c>ad_account_id</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="PinterestApiException">Also when the list does not end: a page cursor repeats or is longer than 4,096 characters, 100 empty pages come in a row, or there are more than 10,000 pages.</exception>
    public virtual IAsyncEnumerable<Pin> GetSectionPinsAsync(string boardId, string sectionId, int pageSize = 25, string? adAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionId);
        BookmarkPages.ValidatePageSize(pageSize);
        _ = BusinessAccess.Query(adAccountId);
        return PageAsync(Connected(), PinterestEndpoints.BoardSectionsListPins, SectionPath(boardId, sectionId) + "/pins", pageSize, PinterestJsonContext.Default.PinterestPagePin, PageCursorGuard.MaxPages, () => BusinessAccess.Query(adAccountId), cancellationToken);
    }

    /// <summary>
    /// <c>GET /v5/boards/{board_id}/pins</c>, following <c>bookmark</c>, in Pinterest's order (undocumented: mostly newest
    /// first, not strictly); a new Pin may be listed only some time after it was created.
    /// </summary>
    /// <exception cref="PinterestApiException">Also when the list does not end: a page cursor repeats or is longer than 4,096 characters, 100 empty pages come in a row, or there are more than 10,000 pages.</exception>
    public virtual IAsyncEnumerable<Pin> GetPinsAsync(string boardId, int pageSize = 25, CancellationToken cancellationToken = default) =>
        GetPinsCoreAsync(Connected(), boardId, pageSize, PageCursorGuard.MaxPages, cancellationToken);

    /// <summary>
    /// The board's Pins, reading at most <paramref name="maxPages"/> pages (reconciliation reads only the newest). On a
    /// test double, its override of <see cref="GetPinsAsync(string, int, CancellationToken)"/> is the listing.
    /// </summary>
    internal IAsyncEnumerable<Pin> GetPinsAsync(string boardId, int pageSize, int maxPages, CancellationToken cancellationToken) =>
        _transport is null ? GetPinsAsync(boardId, pageSize, cancellationToken) : GetPinsCoreAsync(_transport, boardId, pageSize, maxPages, cancellationToken);

    private IAsyncEnumerable<Pin> GetPinsCoreAsync(PinterestApiTransport transport, string boardId, int pageSize, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(boardId);
        BookmarkPages.ValidatePageSize(pageSize);
        return PageAsync(transport, PinterestEndpoints.BoardsListPins, BoardPath(boardId) + "/pins", pageSize, PinterestJsonContext.Default.PinterestPagePin, maxPages, filters: null, cancellationToken);
    }

    private static string BoardPath(string boardId) => "boards/" + Uri.EscapeDataString(boardId);

    private static string SectionPath(string boardId, string sectionId) => BoardPath(boardId) + "/sections/" + Uri.EscapeDataString(sectionId);

    private IAsyncEnumerable<T> PageAsync<T>(
        PinterestApiTransport transport,
        PinterestEndpoint endpoint,
        string path,
        int pageSize,
        JsonTypeInfo<PinterestPage<T>> pageTypeInfo,
        int maxPages,
        Func<QueryBuilder>? filters,
        CancellationToken cancellationToken) =>
        BookmarkPages.EnumerateAsync(transport, _credential, endpoint, path, pageSize, filters, pageTypeInfo, maxPages, cancellationToken);
}
