using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// The first stage: a request that names no board gets the account's default board from
/// <see cref="IDefaultBoardProvider"/>. It is asked once per publish; later stages work on the resolved request.
/// </summary>
internal sealed class BoardResolutionStage(IDefaultBoardProvider? defaultBoards = null)
{
    /// <summary>The request with its board in effect; unchanged when it names one or no default is known.</summary>
    public async ValueTask<PublishPinRequest> ResolveAsync(PublishPinRequest request, CancellationToken cancellationToken)
    {
        // Blank means none, as the preflight board rule reads it: the create must go to the board preflight checked.
        if (!string.IsNullOrWhiteSpace(request.BoardId) || defaultBoards is null)
        {
            return request;
        }

        var boardId = await defaultBoards.GetDefaultBoardIdAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(boardId) ? request : request with { BoardId = boardId };
    }
}
