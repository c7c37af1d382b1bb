namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// How Pinterest measures text against its limits. The OpenAPI description's <c>maxLength</c> is JSON Schema's, which
/// counts Unicode code points: an emoji outside the Basic Multilingual Plane (two UTF-16 units) is one character, and a
/// combining mark is a character of its own. Preflight, its messages and the emulator all count with this one method,
/// so a draft that preflight accepts is one the emulator accepts.
/// </summary>
internal static class PinterestText
{
    /// <summary>The number of Unicode code points in <paramref name="text"/>; a lone surrogate counts as one.</summary>
    public static int Length(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                length--;
                i++;
            }
        }

        return length;
    }
}
