using System.Text.RegularExpressions;
using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// Reads and validates the body of <c>POST /v5/pins</c> as Pinterest does, answering 400 with a message naming the
/// field: the board and section ids, the text fields' lengths in characters, the link, the dominant colour, and the
/// media source (read by <see cref="PinMediaSourceReader"/>). Whether the board, section and video exist is the
/// route's check, against the emulator's state.
/// </summary>
internal static partial class PinDraftReader
{
    /// <summary>The Pin described by <paramref name="body"/> (id and creation time not yet assigned), and its video's media id.</summary>
    public static (EmulatedPin Pin, string? MediaId) Read(string accountId, byte[] body)
    {
        using var document = EmulatorJson.ParseObject(body);
        var root = document.RootElement;

        var boardId = EmulatorJson.GetString(root, "board_id");
        if (boardId is null)
        {
            throw PinterestApiError.Invalid("Invalid request body: 'board_id' is required.");
        }

        if (!NumericId.IsValid(boardId))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'board_id' must match the pattern ^\\d+$.");
        }

        var sectionId = EmulatorJson.GetString(root, "board_section_id");
        if (sectionId is not null && !NumericId.IsValid(sectionId))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'board_section_id' must match the pattern ^\\d+$.");
        }

        var title = CheckLength(EmulatorJson.GetString(root, "title"), "title", 100);
        var description = CheckLength(EmulatorJson.GetString(root, "description"), "description", 800);
        var altText = CheckLength(EmulatorJson.GetString(root, "alt_text"), "alt_text", 500);
        var link = CheckLink(EmulatorJson.GetString(root, "link"), "link");
        var dominantColor = EmulatorJson.GetString(root, "dominant_color");
        if (dominantColor is not null && !HexColor().IsMatch(dominantColor))
        {
            throw PinterestApiError.Invalid("Invalid request body: 'dominant_color' must be a hex colour such as #6E7874.");
        }

        var source = EmulatorJson.GetObject(root, "media_source")
            ?? throw PinterestApiError.Invalid("Invalid request body: 'media_source' is required.");
        var sourceType = EmulatorJson.GetString(source, "source_type", "media_source.source_type")
            ?? throw PinterestApiError.Invalid("Invalid request body: 'media_source.source_type' is required.");

        var pin = new EmulatedPin
        {
            Id = "0",
            AccountId = accountId,
            BoardId = boardId,
            BoardSectionId = sectionId,
            Title = title,
            Description = description,
            Link = link,
            AltText = altText,
            DominantColor = dominantColor,
            MediaSourceType = sourceType,
        };
        return PinMediaSourceReader.Read(source, sourceType, pin);
    }

    /// <summary>
    /// Pinterest counts characters as JSON Schema's <c>maxLength</c> does, in code points: an emoji is one character, a
    /// combining mark another. The library's one counting method, so the emulator and preflight cannot disagree.
    /// </summary>
    public static string? CheckLength(string? value, string field, int max)
    {
        if (value is not null && PinterestText.Length(value) > max)
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{field}' must be at most {max} characters.");
        }

        return value;
    }

    public static string? CheckLink(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (PinterestText.Length(value) > 2048)
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{field}' must be at most 2048 characters.");
        }

        if (!IsHttpUrl(value))
        {
            throw PinterestApiError.Invalid($"Invalid request body: '{field}' must be an absolute http(s) URL.");
        }

        return value;
    }

    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0;

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
