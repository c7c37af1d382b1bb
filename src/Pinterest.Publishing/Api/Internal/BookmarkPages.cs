using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Pinterest's bookmark-paged lists (<c>page_size</c> and <c>bookmark</c>; <c>{"items": [...], "bookmark": ...}</c>),
/// read page by page as one enumeration, with a guard against lists that do not end.
/// </summary>
internal static class BookmarkPages
{
    /// <summary>Throws when <paramref name="pageSize"/> is outside 1 to <see cref="PinterestLimits.MaxPageSize"/>.</summary>
    public static void ValidatePageSize(int pageSize, [CallerArgumentExpression(nameof(pageSize))] string? parameterName = null)
    {
        if (pageSize is < 1 or > PinterestLimits.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(parameterName, pageSize, $"The page size must be between 1 and {PinterestLimits.MaxPageSize}.");
        }
    }

    /// <summary>
    /// Every item of the list at <paramref name="path"/>, following <c>bookmark</c>; <paramref name="filters"/> makes the
    /// query every page repeats (a fresh builder per page), to which <c>page_size</c> and <c>bookmark</c> are added.
    /// </summary>
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        PinterestApiTransport transport,
        IPinterestCredential? credential,
        PinterestEndpoint endpoint,
        string path,
        int pageSize,
        Func<QueryBuilder>? filters,
        JsonTypeInfo<PinterestPage<T>> pageTypeInfo,
        int maxPages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? bookmark = null;
        var cursors = new PageCursorGuard(endpoint.Description, maxPages);
        do
        {
            var query = (filters?.Invoke() ?? new QueryBuilder()).Add("page_size", pageSize).Add("bookmark", bookmark);
            var request = PinterestApiRequest.Create(endpoint, path).WithQuery(query);
            var page = await transport.SendAsync(request, pageTypeInfo, credential, cancellationToken).ConfigureAwait(false);
            var items = page.Items ?? [];
            foreach (var item in items)
            {
                yield return item;
            }

            bookmark = string.IsNullOrEmpty(page.Bookmark) ? null : page.Bookmark;
            if (bookmark is not null)
            {
                // Throws once the list cannot be a real one: a cursor seen before, too long, too many pages.
                cursors.Next(bookmark, items.Count);
            }
        }
        while (bookmark is not null);
    }
}
