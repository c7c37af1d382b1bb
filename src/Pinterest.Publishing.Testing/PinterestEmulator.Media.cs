using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// Video registration, its status, and the S3-like upload endpoint the registration points at (its state machine is
// the VideoMediaStore's; the form check is PresignedPostForm's).
public sealed partial class PinterestEmulator
{
    private const string UploadPathSegment = "emulator-upload";

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
            ["x-amz-signature"] = EmulatorRandom.Hex(32),
            ["x-amz-security-token"] = EmulatorRandom.Token(string.Empty),
            ["x-amz-algorithm"] = "AWS4-HMAC-SHA256",
            ["key"] = $"uploads/{EmulatorRandom.Hex(1)}/{EmulatorRandom.Hex(1)}/{EmulatorRandom.Hex(1)}/{accountId}:video:{accountId}:{mediaId}",
            ["policy"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            ["x-amz-credential"] = $"ASIA{EmulatorRandom.Hex(8).ToUpperInvariant()}/{now.UtcDateTime:yyyyMMdd}/us-east-1/s3/aws4_request",
            ["Content-Type"] = "multipart/form-data",
        };
        _videos.Add(new MediaState { MediaId = mediaId, AccountId = accountId, RegisteredAt = now, UploadParameters = parameters });

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
        NumericId.Require(mediaId, "media_id");
        var status = _videos.StatusOf(mediaId, accountId) ?? throw new PinterestApiError(404, 404, "Media not found.");
        return EmulatorHttpResponse.Json(200, EmulatorJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("media_id", mediaId);
            w.WriteString("media_type", "video");
            w.WriteString("status", MediaState.StatusName(status));
            w.WriteEndObject();
        }));
    }

    private async Task<EmulatorHttpResponse> HandleUploadAsync(EmulatorHttpRequest request, string mediaId, CancellationToken cancellationToken)
    {
        var upload = new EmulatedUpload
        {
            MediaId = mediaId,
            ContentLength = request.ContentLength,
            CarriedAuthorization = request.GetHeader("Authorization") is not null,
            CarriedPinterestBearerToken = _oauth.IsPinterestAccessToken(request.GetBearerToken()),
        };
        var media = _videos.Find(mediaId);

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

        var verdict = await PresignedPostForm.CheckAsync(request, upload, media.UploadParameters, cancellationToken).ConfigureAwait(false);
        if (verdict.Accepted)
        {
            _videos.CompleteUpload(media, verdict.Upload.FileLength);
        }

        return RecordUpload(verdict.Upload, verdict.StatusCode, verdict.ErrorCode, verdict.Message);
    }

    private EmulatorHttpResponse RecordUpload(EmulatedUpload upload, int statusCode, string? errorCode, string? message)
    {
        _recorder.Add(upload with { StatusCode = statusCode, RejectionReason = message });
        if (errorCode is null)
        {
            return EmulatorHttpResponse.Empty(statusCode);
        }

        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{errorCode}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error>";
        return new EmulatorHttpResponse { StatusCode = statusCode, Body = Encoding.UTF8.GetBytes(xml), ContentType = "application/xml" };
    }
}
