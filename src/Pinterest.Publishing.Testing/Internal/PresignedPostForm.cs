using System.Text;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// Reads an upload as S3 receives a presigned POST: a <c>multipart/form-data</c> body, streamed (the file part is
/// counted, never kept), whose form fields must repeat the presigned parameters exactly, none missing or added, with
/// exactly one file, last. Answers as S3 does: an error code and message for its XML error body.
/// </summary>
internal static class PresignedPostForm
{
    private const int MaxFieldBytes = 64 * 1024;

    /// <summary>The upload as read (part names, file length, name and type) and the answer: 204, or an S3 error.</summary>
    public readonly record struct Verdict(EmulatedUpload Upload, int StatusCode, string? ErrorCode, string? Message)
    {
        public bool Accepted => ErrorCode is null;

        public static Verdict Reject(EmulatedUpload upload, int statusCode, string errorCode, string message) => new(upload, statusCode, errorCode, message);
    }

    /// <summary>Reads the body of <paramref name="request"/> and checks it against <paramref name="presigned"/>.</summary>
    public static async Task<Verdict> CheckAsync(EmulatorHttpRequest request, EmulatedUpload upload, IReadOnlyDictionary<string, string> presigned, CancellationToken cancellationToken)
    {
        var boundary = GetBoundary(request.GetHeader("Content-Type"));
        if (boundary is null || request.Body is null)
        {
            return Verdict.Reject(upload, 400, "InvalidArgument", "POST requires a multipart/form-data body.");
        }

        var partNames = new List<string>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        long fileLength = 0;
        var files = 0;
        var fieldAfterFile = false;
        string? fileName = null;
        string? fileContentType = null;
        try
        {
            var reader = new MultipartStreamReader(request.Body, boundary);
            while (await reader.ReadNextPartAsync(cancellationToken).ConfigureAwait(false) is { } part)
            {
                var name = part.Name ?? string.Empty;
                partNames.Add(name);
                if (name == "file")
                {
                    files++;
                    fileName = part.FileName;
                    fileContentType = part.ContentType;
                    fileLength = await reader.ReadBodyAsync(static _ => { }, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                fieldAfterFile |= files > 0;
                fields[name] = await ReadFieldAsync(reader, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidDataException)
        {
            return Verdict.Reject(upload with { PartNames = partNames }, 400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
        }

        upload = upload with { PartNames = partNames, FileLength = fileLength, FileName = fileName, FileContentType = fileContentType };
        if (files != 1)
        {
            return Verdict.Reject(upload, 400, "InvalidArgument", "POST requires exactly one file upload per request.");
        }

        if (fieldAfterFile)
        {
            return Verdict.Reject(upload, 403, "AccessDenied", "Invalid according to Policy: the file must be the last field of the form.");
        }

        foreach (var expected in presigned)
        {
            if (!fields.TryGetValue(expected.Key, out var actual))
            {
                return Verdict.Reject(upload, 403, "AccessDenied", $"Invalid according to Policy: missing field '{expected.Key}'.");
            }

            if (!string.Equals(actual, expected.Value, StringComparison.Ordinal))
            {
                return Verdict.Reject(upload, 403, "AccessDenied", $"Invalid according to Policy: wrong value for field '{expected.Key}'.");
            }
        }

        var extra = fields.Keys.FirstOrDefault(k => !presigned.ContainsKey(k));
        if (extra is not null)
        {
            return Verdict.Reject(upload, 403, "AccessDenied", $"Invalid according to Policy: extra input field '{extra}'.");
        }

        return new Verdict(upload, 204, null, null);
    }

    private static async Task<string> ReadFieldAsync(MultipartStreamReader reader, CancellationToken cancellationToken)
    {
        var value = new MemoryStream();
        await reader.ReadBodyAsync(
            chunk =>
            {
                if (value.Length + chunk.Length > MaxFieldBytes)
                {
                    throw new InvalidDataException("A form field is too large.");
                }

                value.Write(chunk);
            },
            cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(value.GetBuffer(), 0, (int)value.Length);
    }

    private static string? GetBoundary(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals].Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = parameter[(equals + 1)..].Trim().Trim('"');
                return boundary.Length is > 0 and <= 200 ? boundary : null;
            }
        }

        return null;
    }
}
