
namespace Pinterest.Publishing;

/// <summary>Pinterest did not finish processing an uploaded video: it failed, or the deadline passed.</summary>
public sealed class PinterestMediaProcessingException : PinterestException
{
    /// <summary><see cref="Code"/> when Pinterest reported the media as <c>failed</c>.</summary>
    public const string TranscodeFailedCode = "pinterest.video.transcode_failed";

    /// <summary><see cref="Code"/> when processing did not finish before the deadline.</summary>
    public const string TranscodeTimeoutCode = "pinterest.video.transcode_timeout";

    /// <summary>Creates the exception.</summary>
    public PinterestMediaProcessingException()
    {
        MediaId = string.Empty;
        Code = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestMediaProcessingException(string message)
        : base(message)
    {
        MediaId = string.Empty;
        Code = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestMediaProcessingException(string message, Exception? innerException)
        : base(message, innerException)
    {
        MediaId = string.Empty;
        Code = string.Empty;
    }

    /// <summary>Creates the exception for a media upload.</summary>
    public PinterestMediaProcessingException(string message, string mediaId, string code, Exception? innerException = null)
        : base(message, innerException)
    {
        MediaId = mediaId;
        Code = code;
    }

    /// <summary>The Pinterest media id; a timed-out upload can be resumed from it.</summary>
    public string MediaId { get; }

    /// <summary><see cref="TranscodeFailedCode"/> or <see cref="TranscodeTimeoutCode"/>.</summary>
    public string Code { get; }
}
