using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Testing;

// A test's setup: accounts, tokens, boards, sections and Pins put in place directly, without a request.
public sealed partial class PinterestEmulator
{
    /// <summary>Adds a user account.</summary>
    /// <param name="username">The username; generated when <see langword="null"/>.</param>
    /// <returns>The account.</returns>
    public EmulatedAccount AddAccount(string? username = null)
    {
        var id = NextId();
        var account = new EmulatedAccount(id, username ?? "emulated_user_" + id[^6..]);
        lock (_gate)
        {
            _accounts[id] = account;
        }

        return account;
    }

    /// <summary>Issues an access token and a refresh token for <paramref name="account"/>, as if the user had just authorised the app.</summary>
    /// <param name="account">The account.</param>
    /// <param name="scope">The comma-separated scopes.</param>
    /// <returns>The tokens with their expiry times on the emulator's clock.</returns>
    public PinterestToken IssueTokens(EmulatedAccount account, string scope = DefaultScope)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            EnsureAccount(account.Id);
        }

        return _oauth.Issue(account.Id, scope);
    }

    /// <summary>Creates a single-use OAuth authorization code, as Pinterest would hand to <paramref name="redirectUri"/>.</summary>
    /// <param name="account">The account that authorised the app.</param>
    /// <param name="redirectUri">The redirect URI the code exchange must repeat.</param>
    /// <param name="scope">The granted comma-separated scopes.</param>
    /// <returns>The code.</returns>
    public string CreateAuthorizationCode(EmulatedAccount account, Uri redirectUri, string scope = DefaultScope)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(redirectUri);
        lock (_gate)
        {
            EnsureAccount(account.Id);
        }

        return _oauth.CreateAuthorizationCode(account.Id, redirectUri.OriginalString, scope);
    }

    /// <summary>Revokes every access and refresh token of <paramref name="account"/> (the user disconnected the app).</summary>
    /// <param name="account">The account.</param>
    public void RevokeTokens(EmulatedAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _oauth.Revoke(account.Id);
    }

    /// <summary>Adds a board.</summary>
    /// <param name="account">The owner.</param>
    /// <param name="name">The board name.</param>
    /// <param name="description">The description.</param>
    /// <param name="privacy"><c>PUBLIC</c>, <c>PROTECTED</c> or <c>SECRET</c>.</param>
    /// <returns>The board, with a numeric id.</returns>
    public EmulatedBoard AddBoard(EmulatedAccount account, string name, string? description = null, string privacy = "PUBLIC")
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            EnsureAccount(account.Id);
            return AddBoardLocked(account.Id, name, description, privacy);
        }
    }

    /// <summary>Adds a section to a board.</summary>
    /// <param name="board">The board.</param>
    /// <param name="name">The section name.</param>
    /// <returns>The section.</returns>
    public EmulatedBoardSection AddBoardSection(EmulatedBoard board, string name)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            EnsureBoard(board);
            return AddSectionLocked(board.Id, name);
        }
    }

    /// <summary>
    /// Makes <paramref name="collaborator"/> a collaborator on <paramref name="board"/> (a group board) without
    /// permission to save Pins to it: a Pin it creates there is refused with 403 code 29 "You are not permitted to access
    /// that resource.", Pinterest's generic permission error (not a Trial access refusal).
    /// </summary>
    /// <param name="board">The board, owned by another account.</param>
    /// <param name="collaborator">The account that may not save Pins to it.</param>
    public void AddReadOnlyBoardCollaborator(EmulatedBoard board, EmulatedAccount collaborator)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(collaborator);
        lock (_gate)
        {
            EnsureBoard(board);
            EnsureAccount(collaborator.Id);
            if (board.AccountId == collaborator.Id)
            {
                throw new ArgumentException("The board's owner can always save Pins to it: pass another account.", nameof(collaborator));
            }

            _readOnlyCollaborators.Add((board.Id, collaborator.Id));
        }
    }

    /// <summary>Stores an image Pin directly, e.g. one "created" by an earlier attempt whose response was lost.</summary>
    /// <param name="board">The board.</param>
    /// <param name="imageUrl">The image URL.</param>
    /// <param name="title">The title.</param>
    /// <param name="description">The description.</param>
    /// <param name="link">The destination link.</param>
    /// <returns>The Pin.</returns>
    public EmulatedPin AddPin(EmulatedBoard board, Uri imageUrl, string? title = null, string? description = null, Uri? link = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(imageUrl);
        lock (_gate)
        {
            EnsureBoard(board);
            var pin = new EmulatedPin
            {
                Id = NextId(),
                AccountId = board.AccountId,
                BoardId = board.Id,
                Title = title,
                Description = description,
                Link = link?.OriginalString,
                MediaSourceType = "image_url",
                Images = [new EmulatedPinImage { Url = imageUrl.OriginalString }],
                CreatedAt = _time.GetUtcNow(),
            };
            _pins[pin.Id] = pin;
            return pin;
        }
    }

    /// <summary>Makes a video end in <c>failed</c> once its processing time has elapsed (or at once if it already has).</summary>
    /// <param name="mediaId">The media id.</param>
    public void FailMediaProcessing(string mediaId) => _videos.ForceFail(mediaId);

    // Group boards' collaborators without save permission, as (board id, account id); guarded by _gate.
    private readonly HashSet<(string BoardId, string AccountId)> _readOnlyCollaborators = [];

    // The Ensure and Locked helpers run under _gate.
    private void EnsureAccount(string accountId)
    {
        if (!_accounts.ContainsKey(accountId))
        {
            throw new ArgumentException("The account does not belong to this emulator.", nameof(accountId));
        }
    }

    private void EnsureBoard(EmulatedBoard board)
    {
        if (!_boards.ContainsKey(board.Id))
        {
            throw new ArgumentException("The board does not belong to this emulator.", nameof(board));
        }
    }

    private EmulatedBoard AddBoardLocked(string accountId, string name, string? description, string privacy)
    {
        var board = new EmulatedBoard
        {
            Id = NextId(),
            AccountId = accountId,
            Name = name,
            Description = description,
            Privacy = privacy,
            CreatedAt = _time.GetUtcNow(),
        };
        _boards[board.Id] = board;
        return board;
    }

    private EmulatedBoardSection AddSectionLocked(string boardId, string name)
    {
        var section = new EmulatedBoardSection(NextId(), boardId, name);
        _sections[section.Id] = section;
        return section;
    }
}
