
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>Parses <c>application/x-www-form-urlencoded</c> text (query strings and OAuth form bodies).</summary>
internal static class QueryString
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(index < 0 ? pair : pair[..index]);
            var value = index < 0 ? string.Empty : Decode(pair[(index + 1)..]);
            result[name] = value;
        }

        return result;
    }

    /// <summary>Every value of each name, in order (a query array sent as <c>name=a&amp;name=b</c>).</summary>
    public static Dictionary<string, List<string>> ParseAll(string text)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var index = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(index < 0 ? pair : pair[..index]);
            if (!result.TryGetValue(name, out var values))
            {
                result[name] = values = [];
            }

            values.Add(index < 0 ? string.Empty : Decode(pair[(index + 1)..]));
        }

        return result;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
