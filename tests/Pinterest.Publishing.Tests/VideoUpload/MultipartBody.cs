using System.Text;

namespace Pinterest.Publishing.Tests.VideoUpload;

public sealed record MultipartPart(string Name, string? FileName, string? ContentType, byte[] Data)
{
    public string Text => Encoding.UTF8.GetString(Data);
}

/// <summary>A strict multipart/form-data parser for checking what the uploader sent.</summary>
public static class MultipartBody
{
    public static string BoundaryOf(string contentTypeHeader)
    {
        const string marker = "boundary=";
        var index = contentTypeHeader.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        Assert.True(index >= 0, $"No boundary in '{contentTypeHeader}'.");
        return contentTypeHeader[(index + marker.Length)..].Split(';')[0].Trim('"');
    }

    public static IReadOnlyList<MultipartPart> Parse(byte[] body, string boundary)
    {
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<MultipartPart>();
        var position = IndexOf(body, delimiter, 0);
        Assert.Equal(0, position);
        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                Assert.True(body.AsSpan(position + 2).SequenceEqual("\r\n"u8), "The closing boundary must end the body with CRLF.");
                return parts;
            }

            Assert.True(body.AsSpan(position).StartsWith("\r\n"u8));
            position += 2;
            var headerEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), position);
            var headerText = Encoding.UTF8.GetString(body, position, headerEnd - position);
            var dataStart = headerEnd + 4;
            var next = IndexOf(body, [.. "\r\n"u8, .. delimiter], dataStart);
            Assert.True(next >= 0, "Unterminated part.");
            var data = body[dataStart..next];

            string? name = null, fileName = null, contentType = null;
            foreach (var header in headerText.Split("\r\n"))
            {
                if (header.StartsWith("Content-Disposition:", StringComparison.OrdinalIgnoreCase))
                {
                    name = ParameterOf(header, "name");
                    fileName = ParameterOf(header, "filename");
                }
                else if (header.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
                {
                    contentType = header["Content-Type:".Length..].Trim();
                }
            }

            parts.Add(new MultipartPart(name ?? throw new InvalidOperationException("Part without a name."), fileName, contentType, data));
            position = next + 2;
        }
    }

    private static string? ParameterOf(string header, string parameter)
    {
        foreach (var piece in header.Split(';'))
        {
            var trimmed = piece.Trim();
            if (trimmed.StartsWith(parameter + "=", StringComparison.Ordinal))
            {
                return trimmed[(parameter.Length + 1)..].Trim('"');
            }
        }

        return null;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        var index = haystack.AsSpan(start).IndexOf(needle);
        return index < 0 ? -1 : index + start;
    }
}
