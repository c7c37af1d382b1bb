using System.Globalization;

namespace Pinterest.Publishing.Testing;

// What a test asserts on: snapshots of the stored state and of the requests received.
public sealed partial class PinterestEmulator
{
    /// <summary>How many successful <c>refresh_token</c> grants the token endpoint has served.</summary>
    public int TokenRefreshCount => _oauth.RefreshCount;

    /// <summary>How many successful <c>authorization_code</c> grants the token endpoint has served.</summary>
    public int AuthorizationCodeExchangeCount => _oauth.CodeExchangeCount;

    /// <summary>A snapshot of every request received since creation or the last <see cref="ResetRequests"/>, in arrival order.</summary>
    public IReadOnlyList<EmulatedRequest> Requests => _recorder.Requests;

    /// <summary>A snapshot of every request to the upload endpoint, in completion order.</summary>
    public IReadOnlyList<EmulatedUpload> Uploads => _recorder.Uploads;

    /// <summary>A snapshot of every stored Pin, oldest first.</summary>
    public IReadOnlyList<EmulatedPin> Pins
    {
        get { lock (_gate) { return _pins.Values.OrderBy(p => long.Parse(p.Id, CultureInfo.InvariantCulture)).ToArray(); } }
    }

    /// <summary>A snapshot of every board, oldest first.</summary>
    public IReadOnlyList<EmulatedBoard> Boards
    {
        get { lock (_gate) { return _boards.Values.OrderBy(b => long.Parse(b.Id, CultureInfo.InvariantCulture)).ToArray(); } }
    }

    /// <summary>A snapshot of every registered video upload with its current status.</summary>
    public IReadOnlyList<EmulatedMedia> Media => _videos.Snapshots;

    /// <summary>The stored Pins, oldest first, optionally only those of one board.</summary>
    /// <param name="boardId">The board id, or <see langword="null"/> for every Pin.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<EmulatedPin> GetPins(string? boardId = null) =>
        boardId is null ? Pins : Pins.Where(p => p.BoardId == boardId).ToArray();

    /// <summary>A stored Pin by id.</summary>
    /// <param name="pinId">The Pin id.</param>
    /// <returns>The Pin, or <see langword="null"/>.</returns>
    public EmulatedPin? FindPin(string pinId)
    {
        lock (_gate)
        {
            return _pins.GetValueOrDefault(pinId);
        }
    }

    /// <summary>The sections of a board.</summary>
    /// <param name="boardId">The board id.</param>
    /// <returns>A snapshot, oldest first.</returns>
    public IReadOnlyList<EmulatedBoardSection> GetBoardSections(string boardId)
    {
        lock (_gate)
        {
            return _sections.Values.Where(s => s.BoardId == boardId).OrderBy(s => long.Parse(s.Id, CultureInfo.InvariantCulture)).ToArray();
        }
    }

    /// <summary>A registered video upload with its current status.</summary>
    /// <param name="mediaId">The media id.</param>
    /// <returns>The snapshot, or <see langword="null"/> when unknown.</returns>
    public EmulatedMedia? GetMedia(string mediaId) => _videos.Snapshot(mediaId);

    /// <summary>Forgets the recorded <see cref="Requests"/> and <see cref="Uploads"/>.</summary>
    public void ResetRequests() => _recorder.Clear();
}
