namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>The discriminators of <see cref="PublishPinRequestJson"/>: stored in rows, so never renamed.</summary>
internal static class PublishPinRequestKinds
{
    public const string ImageUrlMedia = "image_url";
    public const string ImageInlineMedia = "image_inline";
    public const string CarouselMedia = "carousel";
    public const string VideoMedia = "video";

    public const string FileSource = "file";
    public const string UrlSource = "url";
    public const string UploadedMediaSource = "uploaded_media";

    public const string UrlCover = "url";
    public const string KeyFrameCover = "key_frame";
}
