using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Board update and delete; board section update, delete and its Pins.
public sealed partial class PinterestEmulator
{
    // BoardUpdatePrivacy: an update takes PUBLIC or SECRET (PROTECTED only at creation).
    private static readonly string[] BoardUpdatePrivacies = ["PUBLIC", "SECRET"];

    private EmulatorHttpResponse HandleUpdateBoard(string accountId, string boardId, byte[] body, Dictionary<string, string> query)
    {
        OrganicQuery.AdAccountId(query);
        var board = FindOwnBoard(accountId, boardId);
        using var document = EmulatorJson.ParseObject(body);
        var root = document.RootElement;
        var name = root.TryGetProperty("name", out _) ? EmulatorJson.GetString(root, "name") : board.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'name' cannot be empty.");
        }

        var privacy = root.TryGetProperty("privacy", out _) ? EmulatorJson.GetString(root, "privacy") : board.Privacy;
        if (privacy != board.Privacy && !BoardUpdatePrivacies.Contains(privacy, StringComparer.Ordinal))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'privacy' must be PUBLIC or SECRET.");
        }

        var updated = board with
        {
            Name = name,
            Description = root.TryGetProperty("description", out _) ? EmulatorJson.GetString(root, "description") : board.Description,
            Privacy = privacy!,
        };
        lock (_gate)
        {
            _boards[board.Id] = updated;
        }

        var count = CountPinsByBoard([board.Id]).GetValueOrDefault(board.Id);
        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w => WriteBoard(w, updated, count)));
    }

    // Deleting a board deletes its sections and its Pins.
    private EmulatorHttpResponse HandleDeleteBoard(string accountId, string boardId, Dictionary<string, string> query)
    {
        OrganicQuery.AdAccountId(query);
        var board = FindOwnBoard(accountId, boardId);
        lock (_gate)
        {
            _boards.Remove(board.Id);
            RemoveWhereLocked(_sections, s => s.BoardId == board.Id);
            RemoveWhereLocked(_pins, p => p.BoardId == board.Id);
        }

        return EmulatorHttpResponse.Empty(204);
    }

    private EmulatorHttpResponse HandleUpdateSection(string accountId, string boardId, string sectionId, byte[] body, Dictionary<string, string> query)
    {
        OrganicQuery.AdAccountId(query);
        var section = FindOwnSection(accountId, boardId, sectionId, "Board section not found.");
        using var document = EmulatorJson.ParseObject(body);
        var name = EmulatorJson.GetString(document.RootElement, "name");
        if (string.IsNullOrEmpty(name) || PinterestText.Length(name) > 180)
        {
            throw new PinterestApiError(400, 400, "Invalid board section parameters.");
        }

        var updated = section with { Name = name };
        lock (_gate)
        {
            _sections[section.Id] = updated;
        }

        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w => BoardJson.WriteSection(w, updated)));
    }

    // Pinterest deletes the Pins of a section with it (its help center: "deleting a section deletes the Pins in it").
    private EmulatorHttpResponse HandleDeleteSection(string accountId, string boardId, string sectionId, Dictionary<string, string> query)
    {
        OrganicQuery.AdAccountId(query);
        var section = FindOwnSection(accountId, boardId, sectionId, "Board section not found.");
        lock (_gate)
        {
            _sections.Remove(section.Id);
            RemoveWhereLocked(_pins, p => p.BoardSectionId == section.Id);
        }

        return EmulatorHttpResponse.Empty(204);
    }

    // Newest first, like a board's Pins.
    private EmulatorHttpResponse HandleListSectionPins(string accountId, string boardId, string sectionId, Dictionary<string, string> query)
    {
        OrganicQuery.AdAccountId(query);
        var section = FindOwnSection(accountId, boardId, sectionId, "Board or section not found.");
        return PinPage(accountId, query, (before, pageSize) =>
            BookmarkPaging.Page(_pins.Values.Where(p => p.BoardSectionId == section.Id), p => p.Id, before, pageSize, newestFirst: true));
    }

    /// <summary>A section on a board of <paramref name="accountId"/>, or 404 code 404 with the spec's example message.</summary>
    private EmulatedBoardSection FindOwnSection(string accountId, string boardId, string sectionId, string notFound)
    {
        NumericId.Require(sectionId, "section_id");
        var board = FindOwnBoard(accountId, boardId);
        lock (_gate)
        {
            if (_sections.TryGetValue(sectionId, out var section) && section.BoardId == board.Id)
            {
                return section;
            }
        }

        throw new PinterestApiError(404, 404, notFound);
    }

    private static void RemoveWhereLocked<T>(Dictionary<string, T> items, Func<T, bool> predicate)
    {
        foreach (var key in items.Where(pair => predicate(pair.Value)).Select(pair => pair.Key).ToArray())
        {
            items.Remove(key);
        }
    }
}
