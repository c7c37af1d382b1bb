using System.Globalization;
using System.Text;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>Builds an escaped query or form string.</summary>
internal sealed class QueryBuilder
{
    // Values are stored escaped so that list separators (commas) can stay literal.
    private readonly List<KeyValuePair<string, string>> _escapedPairs = [];

    public int Count => _escapedPairs.Count;

    public QueryBuilder Add(string name, string? value)
    {
        if (value is not null)
        {
            _escapedPairs.Add(new(Uri.EscapeDataString(name), Uri.EscapeDataString(value)));
        }

        return this;
    }

    public QueryBuilder Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, DateOnly value) =>
        Add(name, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, bool? value) =>
        Add(name, value switch { null => null, true => "true", false => "false" });

    /// <summary>Adds a list as OpenAPI's default for a query array (<c>style: form, explode: true</c>): <c>name=a&amp;name=b</c>.</summary>
    public QueryBuilder AddRepeated(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    /// <summary>Adds a comma-separated list (OpenAPI <c>style: form, explode: false</c>): each item escaped, commas literal.</summary>
    public QueryBuilder AddCommaSeparated(string name, IEnumerable<string>? values)
    {
        if (values is not null)
        {
            var joined = string.Join(',', values.Select(Uri.EscapeDataString));
            if (joined.Length > 0)
            {
                _escapedPairs.Add(new(Uri.EscapeDataString(name), joined));
            }
        }

        return this;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in _escapedPairs)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }

    public static string Encode(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var builder = new QueryBuilder();
        foreach (var (name, value) in pairs)
        {
            builder.Add(name, value);
        }

        return builder.ToString();
    }
}
