using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The last stage of <see cref="PinterestApiTransport"/>: reads the JSON body of a success answer, at most
/// <see cref="MaxAnswerBytes"/> and within the HTTP client's timeout again, and turns a body that is too large, not the
/// expected JSON or never arrives into a <see cref="PinterestApiException"/> that says so.
/// </summary>
internal sealed class AnswerReader(HttpClient httpClient, ApiRequestBuilder requests)
{
    // A page of 250 Pins is well under 2 MiB; an answer past this is broken or hostile, not data.
    internal const long MaxAnswerBytes = 16 * 1024 * 1024;

    /// <summary>Reads the answer to <paramref name="request"/> as <typeparamref name="T"/>.</summary>
    /// <param name="request">The request answered, for the messages.</param>
    /// <param name="response">The success answer, its body not yet read.</param>
    /// <param name="responseTypeInfo">The answer's JSON type.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public async Task<T> ReadAsync<T>(PinterestApiRequest request, HttpResponseMessage response, JsonTypeInfo<T> responseTypeInfo, CancellationToken cancellationToken)
    {
        // HttpClient.Timeout ends at the headers; the body gets the same budget again, so a connection that goes
        // silent mid-answer fails instead of hanging a caller that passed no token (the scheduler passes none).
        using var deadline = new ReadDeadline(httpClient.Timeout, cancellationToken);
        T? result;
        try
        {
            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                throw new AnswerTooLargeException(MaxAnswerBytes);
            }

            var stream = new BoundedReadStream(await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false), MaxAnswerBytes);
            await using (stream.ConfigureAwait(false))
            {
                result = await JsonSerializer.DeserializeAsync(stream, responseTypeInfo, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (JsonException exception)
        {
            throw Unreadable(request, response, exception);
        }
        catch (AnswerTooLargeException exception)
        {
            throw Unreadable(request, response, exception);
        }
        catch (OperationCanceledException exception) when (deadline.HasExpired && !cancellationToken.IsCancellationRequested)
        {
            throw new PinterestAnswerTimeoutException(
                $"Pinterest {request.Operation} answered HTTP {(int)response.StatusCode} but the rest of the answer did not arrive within {httpClient.Timeout.TotalSeconds:0.###} s.",
                response.StatusCode,
                PinterestErrorMapper.GetRequestId(response.Headers, requests.SecretsOf(request, response)),
                new TimeoutException(exception.Message, exception));
        }

        return result ?? throw Unreadable(request, response, null);
    }

    private PinterestApiException Unreadable(PinterestApiRequest request, HttpResponseMessage response, Exception? exception) =>
        new(
            exception is AnswerTooLargeException tooLarge
                ? $"Pinterest {request.Operation} answered HTTP {(int)response.StatusCode} with a body larger than the {tooLarge.Limit / (1024 * 1024)} MiB an answer can be; it was not read."
                : $"Pinterest {request.Operation} answered HTTP {(int)response.StatusCode} with a body that is not the expected JSON.",
            response.StatusCode,
            requestId: PinterestErrorMapper.GetRequestId(response.Headers, requests.SecretsOf(request, response)),
            innerException: exception);
}
