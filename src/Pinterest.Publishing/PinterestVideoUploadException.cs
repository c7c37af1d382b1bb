using System.Net;

namespace Pinterest.Publishing;

/// <summary>
/// A video could not be fetched or sent to Pinterest's upload host: the host answered with an error, the upload
/// timed out, or a URL source could not be downloaded. The message names the host and the status; it never contains
/// the signed upload fields or a URL query string.
/// </summary>
public sealed class PinterestVideoUploadException : PinterestException
{
    /// <summary>Creates the exception.</summary>
    public PinterestVideoUploadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestVideoUploadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestVideoUploadException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP answer.</summary>
    /// <param name="message">What went wrong; never contains signed values.</param>
    /// <param name="statusCode">The HTTP status the host answered with, if it answered.</param>
    /// <param name="mediaId">The Pinterest media id the upload was registered under, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public PinterestVideoUploadException(string message, HttpStatusCode? statusCode, string? mediaId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        MediaId = mediaId;
    }

    /// <summary>The HTTP status the host answered with, or <see langword="null"/> when it did not answer (timeout, network error, size cap).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The media id the upload was registered under, or <see langword="null"/> when it failed before registration.</summary>
    public string? MediaId { get; }
}
