using System.Net;
using System.Text;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// What an injected fault answers: a dropped, refused or timed-out connection (an abort the transport acts out), a
/// status with an optional Pinterest error body and headers, or the echo fault, an error answer that repeats the
/// request, secrets included, as a misbehaving API, proxy or WAF does.
/// </summary>
internal static class FaultResponses
{
    // Enough for a Pin draft, a token form, or the presigned fields that precede an upload's file part.
    private const int MaxEchoedBodyBytes = 4096;

    public static EmulatorHttpResponse For(EmulatorFault fault, EmulatorHttpRequest request, ReadOnlyMemory<byte> body)
    {
        if (fault.Kind is EmulatorFaultKind.ConnectionReset or EmulatorFaultKind.ConnectionRefused or EmulatorFaultKind.Timeout)
        {
            return new EmulatorHttpResponse { Abort = fault.Kind };
        }

        var response = fault.Kind == EmulatorFaultKind.EchoRequest ? Echo(fault, request, body)
            : fault.ErrorCode is { } code
            ? EmulatorHttpResponse.Error((int)fault.StatusCode, code, fault.Message ?? "Emulated failure.", fault.MessageDetail)
            : EmulatorHttpResponse.Empty((int)fault.StatusCode);
        foreach (var header in fault.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        return response;
    }

    /// <summary>The start of an upload body (whose fields come before the file), read only for an echo before processing.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadEchoedUploadFieldsAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxEchoedBodyBytes];
        var read = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return buffer.AsMemory(0, read);
    }

    private static EmulatorHttpResponse Echo(EmulatorFault fault, EmulatorHttpRequest request, ReadOnlyMemory<byte> body)
    {
        var authorization = request.GetHeader("Authorization") ?? string.Empty;
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var credential = space < 0 ? authorization : authorization[(space + 1)..].Trim();
        var sent = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, MaxEchoedBodyBytes)]);

        // The request as sent, then its secrets decoded, as different proxies quote them.
        var message = $"Echo of {request.Method} {request.Uri.PathAndQuery}; Authorization: {authorization}; body: {sent}";
        var detail = $"credential: {credential}; decoded: {DecodeBasic(authorization)}; query: {WebUtility.UrlDecode(request.Uri.Query)}; form: {WebUtility.UrlDecode(sent)}";

        EmulatorHttpResponse response;
        string requestId;
        if (fault.ErrorCode is { } code)
        {
            response = EmulatorHttpResponse.Json((int)fault.StatusCode, EmulatorJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("code", code);
                w.WriteString("message", message);
                w.WriteString("message_detail", detail);
                w.WriteEndObject();
            }));
            requestId = credential;
        }
        else
        {
            response = new EmulatorHttpResponse
            {
                StatusCode = (int)fault.StatusCode,
                Body = Encoding.UTF8.GetBytes(message + "\n" + detail),
                ContentType = "text/plain",
            };
            requestId = authorization;
        }

        if (requestId.Length > 0)
        {
            response.Headers["x-pinterest-rid"] = requestId;
        }

        return response;
    }

    private static string DecodeBasic(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}
