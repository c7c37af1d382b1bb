using System.Runtime.CompilerServices;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication.Internal;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/media</c>: video upload registration, status and list.</summary>
public class MediaClient
{
    private readonly PinterestApiTransport? _transport;
    private readonly IPinterestCredential? _credential;

    /// <summary>For mocking: a client that is not connected to Pinterest. Override the members your test calls.</summary>
    protected MediaClient()
    {
    }

    internal MediaClient(PinterestApiTransport transport, IPinterestCredential? credential)
    {
        _transport = transport;
        _credential = credential;
    }

    // A test double has no transport: the member that needed one names itself in the exception.
    private PinterestApiTransport Connected([CallerMemberName] string member = "") => _transport ?? throw ClientForMocking.NotConnected(this, member);

    /// <summary><c>POST /v5/media</c> with <c>media_type: video</c>. Not retried: each call registers a new upload.</summary>
    /// <returns>The media id and where to upload the file. <see cref="MediaUploadRegistration.UploadParameters"/> are signed: never log them.</returns>
    public virtual Task<MediaUploadRegistration> RegisterVideoUploadAsync(CancellationToken cancellationToken = default)
    {
        var request = PinterestApiRequest.Json(
            PinterestEndpoints.MediaCreate,
            "media",
            new MediaUploadCreateRequest { MediaType = MediaUploadCreateRequest.Video },
            PinterestJsonContext.Default.MediaUploadCreateRequest);
        return Connected().SendAsync(request, PinterestJsonContext.Default.MediaUploadRegistration, _credential, cancellationToken);
    }

    /// <summary><c>GET /v5/media/{media_id}</c>: the processing status of an uploaded video.</summary>
    public virtual Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaId);
        var request = PinterestApiRequest.Create(PinterestEndpoints.MediaGet, "media/" + Uri.EscapeDataString(mediaId));
        return Connected().SendAsync(request, PinterestJsonContext.Default.MediaUploadDetails, _credential, cancellationToken);
    }

    /// <summary>
    /// <c>GET /v5/media</c>: the user's media uploads with their processing status, following <c>bookmark</c> through every
    /// page (for instance to find an upload a crashed process left behind).
    /// </summary>
    /// <param name="pageSize">Uploads per request, 1 to 250.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <exception cref="PinterestApiException">Also when the list does not end: a page cursor repeats or is longer than 4,096 characters, 100 empty pages come in a row, or there are more than 10,000 pages.</exception>
    public virtual IAsyncEnumerable<MediaUploadDetails> GetMediaAsync(int pageSize = 25, CancellationToken cancellationToken = default)
    {
        BookmarkPages.ValidatePageSize(pageSize);
        return BookmarkPages.EnumerateAsync(Connected(), _credential, PinterestEndpoints.MediaList, "media", pageSize, filters: null, PinterestJsonContext.Default.PinterestPageMediaUploadDetails, PageCursorGuard.MaxPages, cancellationToken);
    }
}
