using System.Text.Json;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Boards, board sections and a board's Pins, with bookmark paging.
public sealed partial class PinterestEmulator
{
    private static readonly string[] BoardPrivacies = ["PUBLIC", "PROTECTED", "SECRET"];

    private EmulatorHttpResponse HandleListBoards(string accountId, Dictionary<string, string> query)
    {
        var pageSize = BookmarkPaging.ParsePageSize(query, _options.DefaultPageSize);
        var after = BookmarkPaging.ParseBookmark(query);
        string? privacy = query.GetValueOrDefault("privacy");
        if (privacy is not null && !BoardPrivacies.Contains(privacy, StringComparer.Ordinal))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'privacy'.");
        }

        List<EmulatedBoard> page;
        bool more;
        lock (_gate)
        {
            var boards = _boards.Values.Where(b => b.AccountId == accountId && (privacy is null || b.Privacy == privacy));
            (page, more) = BookmarkPaging.Page(boards, b => b.Id, after, pageSize);
        }

        var counts = CountPinsByBoard(page.Select(b => b.Id));
        return EmulatorHttpResponse.Json(200, BookmarkPaging.Write(page, more, b => b.Id, (w, board) => WriteBoard(w, board, counts.GetValueOrDefault(board.Id))));
    }

    private EmulatorHttpResponse HandleGetBoard(string accountId, string boardId)
    {
        var board = FindOwnBoard(accountId, boardId);
        var count = CountPinsByBoard([board.Id]).GetValueOrDefault(board.Id);
        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w => WriteBoard(w, board, count)));
    }

    private EmulatorHttpResponse HandleCreateBoard(string accountId, byte[] body)
    {
        using var document = EmulatorJson.ParseObject(body);
        var root = document.RootElement;
        var name = EmulatorJson.GetString(root, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'name' is required.");
        }

        var description = EmulatorJson.GetString(root, "description");
        var privacy = EmulatorJson.GetString(root, "privacy") ?? "PUBLIC";
        if (!BoardPrivacies.Contains(privacy, StringComparer.Ordinal))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'privacy' must be PUBLIC, PROTECTED or SECRET.");
        }

        EmulatedBoard board;
        lock (_gate)
        {
            board = AddBoardLocked(accountId, name, description, privacy);
        }

        return EmulatorHttpResponse.Json(201, EmulatorJson.Write(w => WriteBoard(w, board, 0)));
    }

    private EmulatorHttpResponse HandleCreateSection(string accountId, string boardId, byte[] body)
    {
        var board = FindOwnBoard(accountId, boardId);
        var name = SpecErrorExamples.Rephrase(SpecErrorExamples.BoardSectionInvalid, () =>
        {
            using var document = EmulatorJson.ParseObject(body);
            var value = EmulatorJson.GetString(document.RootElement, "name");
            return string.IsNullOrEmpty(value) || PinterestText.Length(value) > 180
                ? throw PinterestApiError.Invalid("'name' must have 1 to 180 characters.")
                : value;
        });

        EmulatedBoardSection section;
        lock (_gate)
        {
            section = AddSectionLocked(board.Id, name);
        }

        return EmulatorHttpResponse.Json(201, EmulatorJson.Write(w => BoardJson.WriteSection(w, section)));
    }

    private EmulatorHttpResponse HandleListSections(string accountId, string boardId, Dictionary<string, string> query)
    {
        var board = FindOwnBoard(accountId, boardId);
        var pageSize = BookmarkPaging.ParsePageSize(query, _options.DefaultPageSize);
        var after = BookmarkPaging.ParseBookmark(query);
        List<EmulatedBoardSection> page;
        bool more;
        lock (_gate)
        {
            (page, more) = BookmarkPaging.Page(_sections.Values.Where(s => s.BoardId == board.Id), s => s.Id, after, pageSize);
        }

        return EmulatorHttpResponse.Json(200, BookmarkPaging.Write(page, more, s => s.Id, BoardJson.WriteSection));
    }

    // As Pinterest lists a board's Pins: mostly newest first, each Pin only once its listing delay has passed
    // (BoardPinListing); the bookmark is the last id returned.
    private EmulatorHttpResponse HandleListBoardPins(string accountId, string boardId, Dictionary<string, string> query)
    {
        var board = FindOwnBoard(accountId, boardId, SpecErrorExamples.NotFoundCode);
        return PinPage(board.AccountId, query, (before, pageSize) =>
            BookmarkPaging.PageAfter(BoardPinListing.Arrange(_pins.Values.Where(p => p.BoardId == board.Id), _time.GetUtcNow(), _options), p => p.Id, before, pageSize));
    }

    /// <summary>
    /// One page of Pins as Pinterest writes a Pin list: <paramref name="pageUnderGate"/> chooses, orders and cuts them
    /// under the emulator's lock (from the request's bookmark and page size); each Pin names its owner's username.
    /// </summary>
    private EmulatorHttpResponse PinPage(string ownerAccountId, Dictionary<string, string> query, Func<long?, int, (List<EmulatedPin> Page, bool More)> pageUnderGate)
    {
        var pageSize = BookmarkPaging.ParsePageSize(query, _options.DefaultPageSize);
        var before = BookmarkPaging.ParseBookmark(query);
        List<EmulatedPin> page;
        bool more;
        string owner;
        lock (_gate)
        {
            owner = _accounts[ownerAccountId].Username;
            (page, more) = pageUnderGate(before, pageSize);
        }

        return EmulatorHttpResponse.Json(200, BookmarkPaging.Write(page, more, p => p.Id, (w, pin) => PinJson.Write(w, pin, owner)));
    }

    private EmulatedBoard FindOwnBoard(string accountId, string boardId, int notFoundCode = 40)
    {
        NumericId.Require(boardId, "board_id");
        lock (_gate)
        {
            if (_boards.TryGetValue(boardId, out var board) && board.AccountId == accountId)
            {
                return board;
            }
        }

        throw new PinterestApiError(404, notFoundCode, SpecErrorExamples.BoardNotFound);
    }

    private Dictionary<string, int> CountPinsByBoard(IEnumerable<string> boardIds)
    {
        var wanted = boardIds.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            return _pins.Values.Where(p => wanted.Contains(p.BoardId)).GroupBy(p => p.BoardId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    private void WriteBoard(Utf8JsonWriter w, EmulatedBoard board, int pinCount)
    {
        string owner;
        lock (_gate)
        {
            owner = _accounts[board.AccountId].Username;
        }

        BoardJson.WriteBoard(w, board, owner, pinCount);
    }
}
