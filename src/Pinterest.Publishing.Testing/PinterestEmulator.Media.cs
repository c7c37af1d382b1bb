using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Video registration, the S3-like upload endpoint and the media status state machine.
public sealed partial class PinterestEmulator
{
    private const string UploadPathSegment = "emulator-upload";
    private const int MaxFieldBytes = 64 * 1024;

    private EmulatorHttpResponse HandleRegisterMedia(string accountId, byte[] body, Uri requestUri)
    {
        using var document = EmulatorJson.ParseObject(body);
        var mediaType = EmulatorJson.GetString(document.RootElement, "media_type");
        if (mediaType != "video")
        {
            throw PinterestApiError.Invalid("Invalid request body: 'media_type' must be 'video'.");
        }

        var now = _time.GetUtcNow();
        var mediaId = NextId();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["x-amz-date"] = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            ["x-amz-signature"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            ["x-amz-security-token"] = RandomToken(string.Empty),
            ["x-amz-algorithm"] = "AWS4-HMAC-SHA256",
            ["key"] = $"uploads/{RandomHex(1)}/{RandomHex(1)}/{RandomHex(1)}/{accountId}:video:{accountId}:{mediaId}",
            ["policy"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            ["x-amz-credential"] = $"ASIA{RandomHex(8).ToUpperInvariant()}/{now.UtcDateTime:yyyyMMdd}/us-east-1/s3/aws4_request",
            ["Content-Type"] = "multipart/form-data",
        };
        var media = new MediaState { MediaId = mediaId, AccountId = accountId, RegisteredAt = now, UploadParameters = parameters };
        lock (_gate)
        {
            _media[mediaId] = media;
        }

        // The upload URL points back at whichever transport registered it: the in-memory host or the loopback server.
        var uploadUrl = new Uri(new Uri(requestUri.GetLeftPart(UriPartial.Authority) + "/"), $"{UploadPathSegment}/{mediaId}");
        return EmulatorHttpResponse.Json(201, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("media_id", mediaId);
            w.WriteString("media_type", "video");
            w.WriteString("upload_url", uploadUrl.AbsoluteUri);
            w.WritePropertyName("upload_parameters");
            w.WriteStartObject();
            foreach (var parameter in parameters)
            {
                w.WriteString(parameter.Key, parameter.Value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private EmulatorHttpResponse HandleGetMedia(string accountId, string mediaId)
    {
        RequireNumericId(mediaId, "media_id");
        EmulatedMediaStatus status;
        lock (_gate)
        {
            if (!_media.TryGetValue(mediaId, out var media) || media.AccountId != accountId)
            {
                throw new PinterestApiError(404, 404, "Media not found.");
            }

            status = media.StatusAt(_time.GetUtcNow(), _options.VideoProcessingTime);
        }

        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("media_id", mediaId);
            w.WriteString("media_type", "video");
            w.WriteString("status", StatusName(status));
            w.WriteEndObject();
        }));
    }

    private async Task<EmulatorHttpResponse> HandleUploadAsync(EmulatorHttpRequest request, string mediaId, CancellationToken cancellationToken)
    {
        var authorization = request.GetHeader("Authorization");
        var bearer = GetBearerToken(request);
        var upload = new EmulatedUpload
        {
            MediaId = mediaId,
            ContentLength = request.ContentLength,
            CarriedAuthorization = authorization is not null,
        };

        MediaState? media;
        lock (_gate)
        {
            upload = upload with { CarriedPinterestBearerToken = bearer is not null && (_accessTokens.ContainsKey(bearer) || bearer.StartsWith("pina_", StringComparison.Ordinal)) };
            media = _media.GetValueOrDefault(mediaId);
        }

        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return RecordUpload(upload, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }

        if (media is null)
        {
            return RecordUpload(upload, 404, "NoSuchUpload", "The specified upload does not exist.");
        }

        if (request.ContentLength is null)
        {
            return RecordUpload(upload, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }

        var boundary = GetBoundary(request.GetHeader("Content-Type"));
        if (boundary is null || request.Body is null)
        {
            return RecordUpload(upload, 400, "InvalidArgument", "POST requires a multipart/form-data body.");
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
                fields[name] = Encoding.UTF8.GetString(value.GetBuffer(), 0, (int)value.Length);
            }
        }
        catch (InvalidDataException)
        {
            return RecordUpload(upload with { PartNames = partNames }, 400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
        }

        upload = upload with { PartNames = partNames, FileLength = fileLength, FileName = fileName, FileContentType = fileContentType };
        if (files != 1)
        {
            return RecordUpload(upload, 400, "InvalidArgument", "POST requires exactly one file upload per request.");
        }

        if (fieldAfterFile)
        {
            return RecordUpload(upload, 403, "AccessDenied", "Invalid according to Policy: the file must be the last field of the form.");
        }

        foreach (var expected in media.UploadParameters)
        {
            if (!fields.TryGetValue(expected.Key, out var actual))
            {
                return RecordUpload(upload, 403, "AccessDenied", $"Invalid according to Policy: missing field '{expected.Key}'.");
            }

            if (!string.Equals(actual, expected.Value, StringComparison.Ordinal))
            {
                return RecordUpload(upload, 403, "AccessDenied", $"Invalid according to Policy: wrong value for field '{expected.Key}'.");
            }
        }

        var extra = fields.Keys.FirstOrDefault(k => !media.UploadParameters.ContainsKey(k));
        if (extra is not null)
        {
            return RecordUpload(upload, 403, "AccessDenied", $"Invalid according to Policy: extra input field '{extra}'.");
        }

        lock (_gate)
        {
            media.UploadedAt = _time.GetUtcNow();
            media.UploadedBytes = fileLength;
            media.ForceFail |= _failAllMediaProcessing;
        }

        return RecordUpload(upload, 204, null, null);
    }

    private EmulatorHttpResponse RecordUpload(EmulatedUpload upload, int statusCode, string? errorCode, string? message)
    {
        lock (_gate)
        {
            _uploads.Add(upload with { StatusCode = statusCode, RejectionReason = message });
        }

        if (errorCode is null)
        {
            return EmulatorHttpResponse.Empty(statusCode);
        }

        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{errorCode}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error>";
        return new EmulatorHttpResponse { StatusCode = statusCode, Body = Encoding.UTF8.GetBytes(xml), ContentType = "application/xml" };
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

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
