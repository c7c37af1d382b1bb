using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// Pinterest's list paging: <c>page_size</c> (1 to 250) and an opaque <c>bookmark</c> that continues after the last
/// item returned, answered as <c>{"items": [...], "bookmark": ...}</c> with a <see langword="null"/> bookmark on the last page.
/// The emulator's bookmark is the last id, base64url-encoded.
/// </summary>
internal static class BookmarkPaging
{
    /// <summary>The <c>page_size</c> asked for, or <paramref name="defaultPageSize"/> (clamped to 1..250) when absent.</summary>
    public static int ParsePageSize(Dictionary<string, string> query, int defaultPageSize)
    {
        if (!query.TryGetValue("page_size", out var text))
        {
            return Math.Clamp(defaultPageSize, 1, 250);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 250)
        {
            throw PinterestApiError.Invalid("Invalid parameter: 'page_size' must be an integer from 1 to 250.");
        }

        return size;
    }

    /// <summary>The id a <c>bookmark</c> continues after, or <see langword="null"/> for the first page.</summary>
    public static long? ParseBookmark(Dictionary<string, string> query)
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

    /// <summary>
    /// One page of <paramref name="items"/> in numeric id order (newest first when <paramref name="newestFirst"/>)
    /// past the <paramref name="bookmark"/>ed id, and whether more follow.
    /// </summary>
    public static (List<T> Page, bool More) Page<T>(IEnumerable<T> items, Func<T, string> idOf, long? bookmark, int pageSize, bool newestFirst = false)
    {
        var keyed = items
            .Select(item => (Key: long.Parse(idOf(item), CultureInfo.InvariantCulture), Item: item))
            .Where(x => bookmark is null || (newestFirst ? x.Key < bookmark : x.Key > bookmark));
        var taken = (newestFirst ? keyed.OrderByDescending(x => x.Key) : keyed.OrderBy(x => x.Key))
            .Take(pageSize + 1)
            .Select(x => x.Item)
            .ToList();
        return (taken.Take(pageSize).ToList(), taken.Count > pageSize);
    }

    /// <summary>
    /// One page of <paramref name="ordered"/> (a list in an order of its own, such as a board's Pins) after the
    /// <paramref name="bookmark"/>ed id, and whether more follow. When the bookmarked item is gone, the page starts at the
    /// first item with a smaller id.
    /// </summary>
    public static (List<T> Page, bool More) PageAfter<T>(List<T> ordered, Func<T, string> idOf, long? bookmark, int pageSize)
    {
        var start = 0;
        if (bookmark is { } after)
        {
            start = ordered.FindIndex(item => long.Parse(idOf(item), CultureInfo.InvariantCulture) == after) + 1;
            if (start == 0)
            {
                start = ordered.FindIndex(item => long.Parse(idOf(item), CultureInfo.InvariantCulture) < after);
                start = start < 0 ? ordered.Count : start;
            }
        }

        var page = ordered.Skip(start).Take(pageSize).ToList();
        return (page, start + page.Count < ordered.Count);
    }

    /// <summary>The page's answer body: its items and the bookmark to the next page.</summary>
    public static byte[] Write<T>(List<T> page, bool more, Func<T, string> idOf, Action<Utf8JsonWriter, T> writeItem) => EmulatorJson.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("items");
        w.WriteStartArray();
        foreach (var item in page)
        {
            writeItem(w, item);
        }

        w.WriteEndArray();
        w.WriteNullableString("bookmark", more ? Bookmark(idOf(page[^1])) : null);
        w.WriteEndObject();
    });

    private static string Bookmark(string lastId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("emu:" + lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
