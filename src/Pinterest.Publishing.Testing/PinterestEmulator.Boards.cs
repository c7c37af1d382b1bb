using System.Globalization;
using System.Text;
using System.Text.Json;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Boards, board sections and a board's Pins, with bookmark paging.
public sealed partial class PinterestEmulator
{
    private static readonly string[] BoardPrivacies = ["PUBLIC", "PROTECTED", "SECRET"];

    private EmulatorHttpResponse HandleListBoards(string accountId, Dictionary<string, string> query)
    {
        var pageSize = ParsePageSize(query);
        var after = ParseBookmark(query);
        string? privacy = query.GetValueOrDefault("privacy");
        if (privacy is not null && !BoardPrivacies.Contains(privacy, StringComparer.Ordinal))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'privacy'.");
        }

        List<EmulatedBoard> page;
        bool more;
        lock (_gate)
        {
            var boards = _boards.Values
                .Where(b => b.AccountId == accountId && (privacy is null || b.Privacy == privacy))
                .Select(b => (Key: long.Parse(b.Id, CultureInfo.InvariantCulture), Board: b))
                .Where(x => after is null || x.Key > after)
                .OrderBy(x => x.Key)
                .Take(pageSize + 1)
                .Select(x => x.Board)
                .ToList();
            more = boards.Count > pageSize;
            page = boards.Take(pageSize).ToList();
        }

        var counts = CountPinsByBoard(page.Select(b => b.Id));
        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("items");
            w.WriteStartArray();
            foreach (var board in page)
            {
                WriteBoard(w, board, counts.GetValueOrDefault(board.Id));
            }

            w.WriteEndArray();
            w.WriteNullableString("bookmark", more ? Bookmark(page[^1].Id) : null);
            w.WriteEndObject();
        }));
    }

    private EmulatorHttpResponse HandleGetBoard(string accountId, string boardId)
    {
        var board = FindBoard(accountId, boardId);
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
        var board = FindBoard(accountId, boardId);
        using var document = EmulatorJson.ParseObject(body);
        var name = EmulatorJson.GetString(document.RootElement, "name");
        if (string.IsNullOrEmpty(name) || name.Length > 180)
        {
            throw PinterestApiError.Invalid("Invalid board section parameters: 'name' must have 1 to 180 characters.");
        }

        EmulatedBoardSection section;
        lock (_gate)
        {
            section = new EmulatedBoardSection(NextId(), board.Id, name);
            _sections[section.Id] = section;
        }

        return EmulatorHttpResponse.Json(201, EmulatorJson.Write(w => WriteSection(w, section)));
    }

    private EmulatorHttpResponse HandleListSections(string accountId, string boardId, Dictionary<string, string> query)
    {
        var board = FindBoard(accountId, boardId);
        var pageSize = ParsePageSize(query);
        var after = ParseBookmark(query);
        List<EmulatedBoardSection> sections;
        lock (_gate)
        {
            sections = _sections.Values
                .Where(s => s.BoardId == board.Id)
                .Select(s => (Key: long.Parse(s.Id, CultureInfo.InvariantCulture), Section: s))
                .Where(x => after is null || x.Key > after)
                .OrderBy(x => x.Key)
                .Take(pageSize + 1)
                .Select(x => x.Section)
                .ToList();
        }

        var more = sections.Count > pageSize;
        var page = sections.Take(pageSize).ToList();
        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("items");
            w.WriteStartArray();
            foreach (var section in page)
            {
                WriteSection(w, section);
            }

            w.WriteEndArray();
            w.WriteNullableString("bookmark", more ? Bookmark(page[^1].Id) : null);
            w.WriteEndObject();
        }));
    }

    // Newest first, as Pinterest lists a board's Pins; the bookmark is the last id returned.
    private EmulatorHttpResponse HandleListBoardPins(string accountId, string boardId, Dictionary<string, string> query)
    {
        var board = FindBoard(accountId, boardId);
        var pageSize = ParsePageSize(query);
        var before = ParseBookmark(query);
        List<EmulatedPin> pins;
        EmulatedAccount owner;
        lock (_gate)
        {
            owner = _accounts[board.AccountId];
            pins = _pins.Values
                .Where(p => p.BoardId == board.Id)
                .Select(p => (Key: long.Parse(p.Id, CultureInfo.InvariantCulture), Pin: p))
                .Where(x => before is null || x.Key < before)
                .OrderByDescending(x => x.Key)
                .Take(pageSize + 1)
                .Select(x => x.Pin)
                .ToList();
        }

        var more = pins.Count > pageSize;
        var page = pins.Take(pageSize).ToList();
        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("items");
            w.WriteStartArray();
            foreach (var pin in page)
            {
                WritePin(w, pin, owner.Username);
            }

            w.WriteEndArray();
            w.WriteNullableString("bookmark", more ? Bookmark(page[^1].Id) : null);
            w.WriteEndObject();
        }));
    }

    private EmulatedBoard FindBoard(string accountId, string boardId)
    {
        RequireNumericId(boardId, "board_id");
        lock (_gate)
        {
            if (_boards.TryGetValue(boardId, out var board) && board.AccountId == accountId)
            {
                return board;
            }
        }

        throw new PinterestApiError(404, 40, "Board not found.");
    }

    private Dictionary<string, int> CountPinsByBoard(IEnumerable<string> boardIds)
    {
        var wanted = boardIds.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            return _pins.Values.Where(p => wanted.Contains(p.BoardId)).GroupBy(p => p.BoardId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    private int ParsePageSize(Dictionary<string, string> query)
    {
        if (!query.TryGetValue("page_size", out var text))
        {
            return Math.Clamp(_options.DefaultPageSize, 1, 250);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 250)
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'page_size' must be an integer from 1 to 250.");
        }

        return size;
    }

    private static long? ParseBookmark(Dictionary<string, string> query)
    {
        if (!query.TryGetValue("bookmark", out var bookmark) || bookmark.Length == 0)
        {
            return null;
        }

        try
        {
            var padded = bookmark.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (text.StartsWith("emu:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            {
                return key;
            }
        }
        catch (FormatException)
        {
        }

        throw PinterestApiError.Invalid("Invalid parameter: 'bookmark'.");
    }

    private static string Bookmark(string lastId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("emu:" + lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void WriteBoard(Utf8JsonWriter w, EmulatedBoard board, int pinCount)
    {
        string username;
        lock (_gate)
        {
            username = _accounts[board.AccountId].Username;
        }

        w.WriteStartObject();
        w.WriteString("id", board.Id);
        w.WriteString("name", board.Name);
        w.WriteNullableString("description", board.Description);
        w.WriteString("privacy", board.Privacy);
        w.WritePropertyName("owner");
        w.WriteStartObject();
        w.WriteString("username", username);
        w.WriteEndObject();
        w.WriteTimestamp("created_at", board.CreatedAt);
        w.WriteTimestamp("board_pins_modified_at", board.CreatedAt);
        w.WriteNumber("pin_count", pinCount);
        w.WriteNumber("follower_count", 0);
        w.WriteNumber("collaborator_count", 0);
        w.WriteBoolean("is_ads_only", false);
        w.WritePropertyName("media");
        w.WriteStartObject();
        w.WriteNull("image_cover_url");
        w.WritePropertyName("pin_thumbnail_urls");
        w.WriteStartArray();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSection(Utf8JsonWriter w, EmulatedBoardSection section)
    {
        w.WriteStartObject();
        w.WriteString("id", section.Id);
        w.WriteString("name", section.Name);
        w.WriteEndObject();
    }
}
