using System.Buffers;
using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// The request-processing core shared by the in-memory handler and the loopback server: record the request, wait out
// latency, apply a fault (before or after processing), dispatch to the upload endpoint, the media host or the API
// routes, and turn a handler's PinterestApiError into Pinterest's error body.
public sealed partial class PinterestEmulator
{
    private const int MaxJsonBodyBytes = 64 * 1024 * 1024;

    internal async Task<EmulatorHttpResponse> ProcessAsync(EmulatorHttpRequest request, CancellationToken cancellationToken)
    {
        using var write = EnterWrite(request);
        var response = await ProcessCoreAsync(request, cancellationToken).ConfigureAwait(false);
        // An echo fault may have chosen the request id.
        response.Headers.TryAdd("x-pinterest-rid", EmulatorRandom.RequestId());
        return response;
    }

    private async Task<EmulatorHttpResponse> ProcessCoreAsync(EmulatorHttpRequest request, CancellationToken cancellationToken)
    {
        var method = request.Method.ToUpperInvariant();
        var segments = EmulatorHttpRequest.SplitPath(request.Uri.AbsolutePath);
        var isUpload = segments is [UploadPathSegment, _];
        var isHostedMedia = segments is [HostedMediaPathSegment, _];
        var isAuthorizePage = segments is [AuthorizePathSegment];

        // Upload bodies can be gigabytes: they are streamed and counted by the upload route, never kept.
        var body = isUpload || request.Body is null ? ReadOnlyMemory<byte>.Empty : await ReadBodyAsync(request.Body, cancellationToken).ConfigureAwait(false);
        var record = new EmulatedRequest(method, request.Uri, new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase), body, _time.GetUtcNow())
        {
            AccessToken = request.GetBearerToken(),
        };
        if (_options.RecordRequests)
        {
            _recorder.Add(record);
        }

        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, _time, cancellationToken).ConfigureAwait(false);
        }

        var fault = _faults.Take(method, segments);
        if (fault is { Kind: EmulatorFaultKind.Delay })
        {
            await Task.Delay(fault.Delay, _time, cancellationToken).ConfigureAwait(false);
            fault = null;
        }

        if (fault is { Kind: EmulatorFaultKind.ConnectionRefused })
        {
            // A refused connection never reaches the server: it leaves no request behind.
            _recorder.Remove(record);
            return FaultResponses.For(fault, request, body);
        }

        if (fault is { Kind: EmulatorFaultKind.EchoRequest, AfterProcessing: false } && isUpload && request.Body is not null)
        {
            body = await FaultResponses.ReadEchoedUploadFieldsAsync(request.Body, cancellationToken).ConfigureAwait(false);
        }

        EmulatorHttpResponse response;
        if (fault is { AfterProcessing: false })
        {
            response = FaultResponses.For(fault, request, body);
        }
        else
        {
            try
            {
                response = isUpload
                    ? await HandleUploadAsync(request, segments[1], cancellationToken).ConfigureAwait(false)
                    : isAuthorizePage
                        ? ServeAuthorizePage(method, request)
                        : isHostedMedia
                            ? ServeHostedMedia(method, segments[1], request)
                            : Route(method, segments, request, body.ToArray(), record);
            }
            catch (PinterestApiError error)
            {
                response = EmulatorHttpResponse.Error(error.StatusCode, error.Code, error.Message, error.MessageDetail);
                foreach (var header in error.Headers ?? [])
                {
                    response.Headers[header.Key] = header.Value;
                }
            }

            if (fault is not null)
            {
                response = FaultResponses.For(fault, request, body);
            }
        }

        if (response.Abort is null)
        {
            record.Complete(response.StatusCode);
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
}
