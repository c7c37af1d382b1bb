using System.Buffers;
using System.Globalization;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// The request-processing core shared by the in-memory handler and the loopback server.
public sealed partial class PinterestEmulator
{
    private const int MaxJsonBodyBytes = 64 * 1024 * 1024;

    /// <summary>The Pinterest routes <see cref="Route"/> serves, as spec path templates (for contract tests against openapi.json).</summary>
    internal static readonly (string Method, string Path)[] ApiRoutes =
    [
        ("POST", "/oauth/token"),
        ("GET", "/user_account"),
        ("GET", "/user_account/analytics"),
        ("GET", "/boards"),
        ("POST", "/boards"),
        ("GET", "/boards/{board_id}"),
        ("GET", "/boards/{board_id}/sections"),
        ("POST", "/boards/{board_id}/sections"),
        ("GET", "/boards/{board_id}/pins"),
        ("POST", "/pins"),
        ("GET", "/pins/{pin_id}"),
        ("DELETE", "/pins/{pin_id}"),
        ("GET", "/pins/{pin_id}/analytics"),
        ("POST", "/media"),
        ("GET", "/media/{media_id}"),
    ];

    internal async Task<EmulatorHttpResponse> ProcessAsync(EmulatorHttpRequest request, CancellationToken cancellationToken)
    {
        var response = await ProcessCoreAsync(request, cancellationToken).ConfigureAwait(false);
        // An echo fault may have chosen the request id.
        response.Headers.TryAdd("x-pinterest-rid", NewRequestId());
        return response;
    }

    private async Task<EmulatorHttpResponse> ProcessCoreAsync(EmulatorHttpRequest request, CancellationToken cancellationToken)
    {
        var method = request.Method.ToUpperInvariant();
        var segments = SplitPath(request.Uri.AbsolutePath);
        var isUpload = segments is [UploadPathSegment, _];
        var isHostedMedia = segments is [HostedMediaPathSegment, _];

        // Upload bodies can be gigabytes: they are streamed and counted by the upload route, never kept.
        var body = isUpload || request.Body is null ? ReadOnlyMemory<byte>.Empty : await ReadBodyAsync(request.Body, cancellationToken).ConfigureAwait(false);
        var record = new EmulatedRequest(method, request.Uri, new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase), body, _time.GetUtcNow())
        {
            AccessToken = GetBearerToken(request),
        };
        if (_options.RecordRequests)
        {
            lock (_gate)
            {
                _requests.Add(record);
            }
        }

        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, _time, cancellationToken).ConfigureAwait(false);
        }

        var fault = TakeFault(method, segments);
        if (fault is { Kind: EmulatorFaultKind.Delay })
        {
            await Task.Delay(fault.Delay, _time, cancellationToken).ConfigureAwait(false);
            fault = null;
        }

        if (fault is { Kind: EmulatorFaultKind.ConnectionRefused })
        {
            // A refused connection never reaches the server: it leaves no request behind.
            lock (_gate)
            {
                _requests.Remove(record);
            }

            return FaultResponse(fault, request, body);
        }

        if (fault is { Kind: EmulatorFaultKind.EchoRequest, AfterProcessing: false } && isUpload && request.Body is not null)
        {
            body = await ReadEchoedUploadFieldsAsync(request.Body, cancellationToken).ConfigureAwait(false);
        }

        EmulatorHttpResponse response;
        if (fault is { AfterProcessing: false })
        {
            response = FaultResponse(fault, request, body);
        }
        else
        {
            try
            {
                response = isUpload
                    ? await HandleUploadAsync(request, segments[1], cancellationToken).ConfigureAwait(false)
                    : isHostedMedia
                        ? ServeHostedMedia(method, segments[1], request)
                        : Route(method, segments, request, body.ToArray(), record);
            }
            catch (PinterestApiError error)
            {
                response = EmulatorHttpResponse.Error(error.StatusCode, error.Code, error.Message);
                foreach (var header in error.Headers ?? [])
                {
                    response.Headers[header.Key] = header.Value;
                }
            }

            if (fault is not null)
            {
                response = FaultResponse(fault, request, body);
            }
        }

        if (response.Abort is null)
        {
            record.Complete(response.StatusCode);
        }

        return response;
    }

    private static EmulatorHttpResponse FaultResponse(EmulatorFault fault, EmulatorHttpRequest request, ReadOnlyMemory<byte> body)
    {
        if (fault.Kind is EmulatorFaultKind.ConnectionReset or EmulatorFaultKind.ConnectionRefused or EmulatorFaultKind.Timeout)
        {
            return new EmulatorHttpResponse { Abort = fault.Kind };
        }

        var response = fault.Kind == EmulatorFaultKind.EchoRequest ? EchoResponse(fault, request, body)
            : fault.ErrorCode is { } code
            ? EmulatorHttpResponse.Error((int)fault.StatusCode, code, fault.Message ?? "Emulated failure.")
            : EmulatorHttpResponse.Empty((int)fault.StatusCode);
        foreach (var header in fault.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }

        return response;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();

        // Rented: a fresh 16 KiB chunk per API call was most of what the emulator allocated for a small JSON body.
        const int chunkLength = 16 * 1024;
        var chunk = ArrayPool<byte>.Shared.Rent(chunkLength);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, chunkLength), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxJsonBodyBytes)
                {
                    throw new InvalidOperationException("The emulator does not accept API request bodies larger than 64 MiB.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static string? GetBearerToken(EmulatorHttpRequest request)
    {
        var header = request.GetHeader("Authorization");
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private EmulatorHttpResponse Route(string method, string[] segments, EmulatorHttpRequest request, byte[] body, EmulatedRequest record)
    {
        if (segments is not ["v5", ..])
        {
            throw new PinterestApiError(404, 404, "Not found.");
        }

        var route = segments[1..];
        var query = QueryString.Parse(request.Uri.Query);

        if (route is ["oauth", "token"])
        {
            RequireMethod(method, "POST");
            return HandleToken(request, body);
        }

        var accountId = Authenticate(record);
        CheckRateLimit(accountId);

        switch (route)
        {
            case ["user_account"]:
                RequireMethod(method, "GET");
                return HandleGetUserAccount(accountId);
            case ["user_account", "analytics"]:
                RequireMethod(method, "GET");
                return HandleUserAccountAnalytics(query);
            case ["boards"]:
                return method == "POST" ? HandleCreateBoard(accountId, body) : RequireGet(method, () => HandleListBoards(accountId, query));
            case ["boards", var boardId]:
                RequireMethod(method, "GET");
                return HandleGetBoard(accountId, boardId);
            case ["boards", var boardId, "sections"]:
                return method == "POST" ? HandleCreateSection(accountId, boardId, body) : RequireGet(method, () => HandleListSections(accountId, boardId, query));
            case ["boards", var boardId, "pins"]:
                RequireMethod(method, "GET");
                return HandleListBoardPins(accountId, boardId, query);
            case ["pins"]:
                RequireMethod(method, "POST");
                return HandleCreatePin(accountId, body);
            case ["pins", var pinId]:
                return method == "DELETE" ? HandleDeletePin(accountId, pinId) : RequireGet(method, () => HandleGetPin(accountId, pinId));
            case ["pins", var pinId, "analytics"]:
                RequireMethod(method, "GET");
                return HandlePinAnalytics(accountId, pinId, query);
            case ["media"]:
                RequireMethod(method, "POST");
                return HandleRegisterMedia(accountId, body, request.Uri);
            case ["media", var mediaId]:
                RequireMethod(method, "GET");
                return HandleGetMedia(accountId, mediaId);
            default:
                throw new PinterestApiError(404, 404, "Not found.");
        }
    }

    private static void RequireMethod(string method, string expected)
    {
        if (method != expected)
        {
            throw new PinterestApiError(405, 405, "Method not allowed.");
        }
    }

    private static EmulatorHttpResponse RequireGet(string method, Func<EmulatorHttpResponse> handler)
    {
        RequireMethod(method, "GET");
        return handler();
    }

    private string Authenticate(EmulatedRequest record)
    {
        if (record.AccessToken is { } token)
        {
            lock (_gate)
            {
                if (_accessTokens.TryGetValue(token, out var grant) && grant.ExpiresAt > _time.GetUtcNow())
                {
                    record.AccountId = grant.AccountId;
                    return grant.AccountId;
                }
            }
        }

        throw new PinterestApiError(401, 2, "Authentication failed.");
    }

    private void CheckRateLimit(string accountId)
    {
        lock (_gate)
        {
            if (_rateLimit is not { } limit)
            {
                return;
            }

            var now = _time.GetUtcNow();
            if (!_rateWindows.TryGetValue(accountId, out var window))
            {
                window = new Queue<DateTimeOffset>();
                _rateWindows[accountId] = window;
            }

            while (window.Count > 0 && window.Peek() <= now - limit.Window)
            {
                window.Dequeue();
            }

            if (window.Count >= limit.MaxRequests)
            {
                Dictionary<string, string>? headers = null;
                if (limit.SendRetryAfter)
                {
                    var wait = window.Count > 0 ? window.Peek() + limit.Window - now : limit.Window;
                    var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
                    headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) };
                }

                throw new PinterestApiError(429, 8, "You have exceeded your rate limit. Try again later.") { Headers = headers };
            }

            window.Enqueue(now);
        }
    }

    private static void RequireNumericId(string value, string name)
    {
        if (!IsDigits(value))
        {
            throw PinterestApiError.Invalid($"Invalid parameter: '{name}' must match the pattern ^\\d+$.");
        }
    }

    private static bool IsDigits(string? value) => !string.IsNullOrEmpty(value) && value.All(char.IsAsciiDigit);
}
