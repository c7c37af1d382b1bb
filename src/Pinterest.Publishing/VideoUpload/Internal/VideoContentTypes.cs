
namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>Maps between video file extensions and content types.</summary>
internal static class VideoContentTypes
{
    public const string Mp4 = "video/mp4";
    public const string QuickTime = "video/quicktime";
    public const string OctetStream = "application/octet-stream";

    /// <summary>The content type implied by a file name or URL path, or <see langword="null"/> when unknown.</summary>
    public static string? FromPath(string? path)
    {
        var extension = Path.GetExtension(path);
        if (string.IsNullOrEmpty(extension))
        {
            return null;
        }

        return extension.ToUpperInvariant() switch
        {
            ".MP4" or ".M4V" => Mp4,
            ".MOV" or ".QT" => QuickTime,
            _ => null,
        };
    }

    /// <summary>
    /// A neutral file name for the multipart <c>file</c> part. The caller's file name is not sent: it may hold
    /// non-ASCII characters or private information, and the upload host does not need it.
    /// </summary>
    public static string FileNameFor(string contentType) =>
        contentType.ToUpperInvariant() switch
        {
            "VIDEO/QUICKTIME" => "video.mov",
            "VIDEO/X-M4V" => "video.m4v",
            _ => "video.mp4",
        };
}
