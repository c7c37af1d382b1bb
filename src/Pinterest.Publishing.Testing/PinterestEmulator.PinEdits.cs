using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Pin update (PATCH, beta at Pinterest), save, the user's Pin list with its filters, and multi-Pin analytics.
public sealed partial class PinterestEmulator
{
    private EmulatorHttpResponse HandleUpdatePin(string accountId, string pinId, byte[] body, Dictionary<string, string> query)
    {
        OrganicQuery.AdAccountId(query);
        var pin = FindOwnPin(accountId, pinId);
        using var document = EmulatorJson.ParseObject(body);
        var root = document.RootElement;

        // A property that is present replaces the value (null clears the nullable ones); an absent one keeps it.
        string? Text(string name, string? current, int max) =>
            root.TryGetProperty(name, out _) ? PinDraftReader.CheckLength(EmulatorJson.GetString(root, name), name, max) : current;

        var updated = pin with
        {
            Title = Text("title", pin.Title, 100),
            Description = Text("description", pin.Description, 800),
            AltText = Text("alt_text", pin.AltText, 500),
            Link = root.TryGetProperty("link", out _) ? PinDraftReader.CheckLink(EmulatorJson.GetString(root, "link"), "link") : pin.Link,
        };
        var boardId = root.TryGetProperty("board_id", out _) ? EmulatorJson.GetString(root, "board_id") ?? throw PinterestApiError.Invalid("Invalid request body: 'board_id' cannot be null.") : pin.BoardId;

        // Moving to another board leaves the section behind unless a new one is named.
        var sectionId = root.TryGetProperty("board_section_id", out _) ? EmulatorJson.GetString(root, "board_section_id") : boardId == pin.BoardId ? pin.BoardSectionId : null;
        string owner;
        lock (_gate)
        {
            CheckBoardAndSectionLocked(accountId, boardId, sectionId);
            updated = updated with { BoardId = boardId, BoardSectionId = sectionId };
            _pins[pin.Id] = updated;
            owner = _accounts[accountId].Username;
        }

        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w => PinJson.Write(w, updated, owner)));
    }

    // Any Pin can be saved (another user's too); the copy is the saver's, on its board, with parent_pin_id set.
    private EmulatorHttpResponse HandleSavePin(string accountId, string pinId, byte[] body, Dictionary<string, string> query)
    {
        OrganicQuery.AdAccountId(query);
        NumericId.Require(pinId, "pin_id");
        using var document = EmulatorJson.ParseObject(body);
        var boardId = EmulatorJson.GetString(document.RootElement, "board_id")
            ?? throw PinterestApiError.Invalid("Invalid request body: 'board_id' is required.");
        var sectionId = EmulatorJson.GetString(document.RootElement, "board_section_id");
        EmulatedPin saved;
        string owner;
        lock (_gate)
        {
            if (!_pins.TryGetValue(pinId, out var original))
            {
                throw new PinterestApiError(404, 50, "Pin not found.");
            }

            CheckBoardAndSectionLocked(accountId, boardId, sectionId);
            saved = original with
            {
                Id = NextId(),
                AccountId = accountId,
                BoardId = boardId,
                BoardSectionId = sectionId,
                ParentPinId = original.Id,
                CreatedAt = _time.GetUtcNow(),
            };
            _pins[saved.Id] = saved;
            owner = _accounts[accountId].Username;
        }

        return EmulatorHttpResponse.Json(201, EmulatorJson.Write(w => PinJson.Write(w, saved, owner)));
    }

    // The user's Pins, newest first: protected boards only when asked, PRIVATE = Pins on secret boards, saves or not.
    private EmulatorHttpResponse HandleListPins(string accountId, string rawQuery)
    {
        var all = QueryString.ParseAll(rawQuery);
        var query = all.ToDictionary(p => p.Key, p => p.Value[^1], StringComparer.Ordinal);
        OrganicQuery.AdAccountId(query);
        var filter = OrganicQuery.OneOf(query, "pin_filter", OrganicQuery.PinFilters);
        var pinType = OrganicQuery.OneOf(query, "pin_type", OrganicQuery.PinTypes);
        var includeProtected = OrganicQuery.Boolean(query, "include_protected_pins", fallback: false);
        _ = OrganicQuery.Boolean(query, "pin_metrics", fallback: false);
        var creativeTypes = all.GetValueOrDefault("creative_types");
        if (creativeTypes is not null && !creativeTypes.All(t => OrganicQuery.CreativeTypes.Contains(t, StringComparer.Ordinal)))
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'creative_types'.");
        }

        return PinPage(accountId, query, (before, pageSize) =>
        {
            var pins = _pins.Values.Where(p =>
                p.AccountId == accountId
                && _boards.TryGetValue(p.BoardId, out var board)
                && (includeProtected || board.Privacy != "PROTECTED")
                && (pinType is null || board.Privacy == "SECRET")
                && filter switch { "exclude_repins" => p.ParentPinId is null, "exclude_native" => p.ParentPinId is not null, "has_been_promoted" => false, _ => true }
                && (creativeTypes is null || creativeTypes.Contains(OrganicQuery.CreativeTypeOf(p), StringComparer.Ordinal)));
            return BookmarkPaging.Page(pins, p => p.Id, before, pageSize, newestFirst: true);
        });
    }

    // pin_ids is a query array without explode: false, so it is sent repeated (pin_ids=1&pin_ids=2), each one digits.
    private EmulatorHttpResponse HandleMultiPinAnalytics(string accountId, string rawQuery)
    {
        var all = QueryString.ParseAll(rawQuery);
        var query = all.ToDictionary(p => p.Key, p => p.Value[^1], StringComparer.Ordinal);
        OrganicQuery.AdAccountId(query);
        var pinIds = all.GetValueOrDefault("pin_ids") ?? [];
        if (pinIds.Count is 0 or > 100 || !pinIds.All(NumericId.IsValid))
        {
            throw PinterestApiError.Invalid("Invalid multi_pins analytics parameters: 'pin_ids' must be 1 to 100 Pin ids.");
        }

        var (start, end) = AnalyticsReport.ParseWindow(query, Today());
        _ = OrganicQuery.OneOf(query, "app_types", OrganicQuery.AppTypes);
        var metrics = OrganicQuery.ListOf(query, "metric_types", OrganicQuery.MultiPinMetrics)
            ?? throw PinterestApiError.Invalid("Missing parameter: 'metric_types'.");
        foreach (var pinId in pinIds)
        {
            _ = FindOwnPin(accountId, pinId);
        }

        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            foreach (var pinId in pinIds.Distinct(StringComparer.Ordinal))
            {
                w.WritePropertyName(pinId);
                w.WriteRawValue(AnalyticsReport.Write(start, end, metrics, lifetime: true));
            }

            w.WriteEndObject();
        }));
    }

    /// <summary>Checks, under the lock, that the board is the account's and the section (if any) on it, as Pinterest's 404s say.</summary>
    private void CheckBoardAndSectionLocked(string accountId, string boardId, string? sectionId)
    {
        if (!_boards.TryGetValue(boardId, out var board) || board.AccountId != accountId)
        {
            throw new PinterestApiError(404, 40, "Board not found.");
        }

        if (sectionId is not null && (!_sections.TryGetValue(sectionId, out var section) || section.BoardId != boardId))
        {
            throw new PinterestApiError(404, 2031, "Sorry! We couldn't find this board section.");
        }
    }
}
