using System.Collections;
using System.Reflection;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Compares two <see cref="PublishPinRequest"/>s member by member, through every public property of the media, its
/// items, sources and covers (records compare memory and lists by reference, and <see cref="VideoSource"/> has no
/// equality): a member a serializer drops or changes fails with its path.
/// </summary>
internal static class RequestComparer
{
    public static void AssertSame(PublishPinRequest expected, PublishPinRequest actual) => Compare(expected, actual, "request");

    private static void Compare(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}.");
            return;
        }

        Assert.True(expected.GetType() == actual.GetType(), $"{path}: expected a {expected.GetType().Name}, got a {actual.GetType().Name}.");
        switch (expected)
        {
            case Uri uri:
                // Exactly the text given: a signed URL's query and an escaped path must survive unchanged.
                Assert.True(uri.OriginalString == ((Uri)actual).OriginalString, $"{path}: expected {uri.OriginalString}, got {((Uri)actual).OriginalString}.");
                return;
            case DateTimeOffset time:
                Assert.True(time == (DateTimeOffset)actual && time.Offset == ((DateTimeOffset)actual).Offset, $"{path}: expected {time:O}, got {actual:O}.");
                return;
            case string or TimeSpan or bool or int or long:
                Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}.");
                return;
            case ReadOnlyMemory<byte> bytes:
                Assert.True(bytes.Span.SequenceEqual(((ReadOnlyMemory<byte>)actual).Span), $"{path}: the bytes differ.");
                return;
            case IEnumerable list:
                var e = list.Cast<object?>().ToArray();
                var a = ((IEnumerable)actual).Cast<object?>().ToArray();
                Assert.True(e.Length == a.Length, $"{path}: expected {e.Length} items, got {a.Length}.");
                for (var i = 0; i < e.Length; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]");
                }

                return;
        }

        var properties = expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
        }
    }
}
