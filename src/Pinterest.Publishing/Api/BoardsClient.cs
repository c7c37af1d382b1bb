using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/boards</c>.</summary>
public sealed class BoardsClient
{
    internal BoardsClient()
    {
    }

    /// <summary><c>GET /v5/boards</c>, following <c>bookmark</c> through every page.</summary>
    public IAsyncEnumerable<Board> GetBoardsAsync(int pageSize = 250, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary><c>GET /v5/boards/{board_id}/pins</c>, newest first, following <c>bookmark</c>.</summary>
    public IAsyncEnumerable<Pin> GetPinsAsync(string boardId, int pageSize = 25, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
