
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>The headers of one multipart/form-data part.</summary>
internal sealed class MultipartPartHeaders
{
    public string? Name { get; private set; }

    public string? FileName { get; private set; }

    public string? ContentType { get; private set; }

    public void Add(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new InvalidDataException("Malformed multipart body: bad part header.");
        }

        var name = line[..colon].Trim();
        var value = line[(colon + 1)..].Trim();
        if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            ContentType = value;
        }
        else if (name.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var parameter in value.Split(';').Skip(1))
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    continue;
                }

                var key = parameter[..equals].Trim();
                var text = parameter[(equals + 1)..].Trim().Trim('"');
                if (key.Equals("name", StringComparison.OrdinalIgnoreCase))
                {
                    Name = text;
                }
                else if (key.Equals("filename", StringComparison.OrdinalIgnoreCase))
                {
                    FileName = text;
                }
            }
        }
    }
}
