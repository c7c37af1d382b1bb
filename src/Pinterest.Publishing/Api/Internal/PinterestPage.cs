
namespace Pinterest.Publishing.Api.Internal;

/// <summary>One page of a bookmark-paged list.</summary>
internal sealed class PinterestPage<T>
{
    public List<T>? Items { get; set; }

    /// <summary>The cursor of the next page; absent or empty on the last page.</summary>
    public string? Bookmark { get; set; }
}
