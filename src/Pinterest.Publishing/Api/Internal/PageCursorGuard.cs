using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Bounds one bookmark-paged enumeration. A server, a proxy or an emulator bug whose every page carries a fresh cursor
/// (empty pages included) would otherwise be followed forever while the cursors seen piled up in memory.
/// </summary>
internal sealed class PageCursorGuard(string operation, int maxPages)
{
    /// <summary>
    /// The most pages one enumeration reads: 2.5 million boards at 250 a page, 250,000 Pins at the default 25 (Pinterest
    /// allows an account 200,000 Pins). Longer lists need a larger page size.
    /// </summary>
    public const int MaxPages = 10_000;

    /// <summary>The longest cursor followed, in characters; Pinterest's are far shorter. A longer one is never sent back.</summary>
    public const int MaxBookmarkLength = 4 * 1024;

    /// <summary>Empty pages in a row after which a list is taken to be endless.</summary>
    public const int MaxEmptyPagesInARow = 100;

    // Cursors are remembered as 64-bit digests, so the memory is a few bytes a page however long they are; a false
    // "seen twice" among 10,000 cursors has a chance of about 3e-12.
    private readonly HashSet<long> _seen = [];
    private int _pages;
    private int _emptyInARow;

    /// <summary>Accepts the cursor of the page just read (which held <paramref name="itemCount"/> items), or throws.</summary>
    public void Next(string bookmark, int itemCount)
    {
        if (bookmark.Length > MaxBookmarkLength)
        {
            throw Endless($"returned a page cursor (bookmark) of {bookmark.Length} characters, longer than the {MaxBookmarkLength} a cursor can be");
        }

        if (++_pages >= maxPages)
        {
            throw Endless($"still had more after {maxPages} pages, the most one enumeration reads (use a larger page size for a longer list)");
        }

        _emptyInARow = itemCount == 0 ? _emptyInARow + 1 : 0;
        if (_emptyInARow >= MaxEmptyPagesInARow)
        {
            throw Endless($"returned {_emptyInARow} empty pages in a row, each with a next-page cursor");
        }

        if (!_seen.Add(Digest(bookmark)))
        {
            // Pinterest never sends a cursor twice, but a proxy or an emulator bug could.
            throw Endless("returned the same bookmark twice");
        }
    }

    private PinterestApiException Endless(string what) =>
        new($"Pinterest {operation} {what}; stopping the enumeration to avoid an endless loop.", HttpStatusCode.OK);

    private static long Digest(string bookmark)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(bookmark.AsSpan()), hash);
        return MemoryMarshal.Read<long>(hash);
    }
}
