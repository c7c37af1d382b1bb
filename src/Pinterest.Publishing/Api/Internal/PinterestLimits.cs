
namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Pinterest's limits, each written once: first those of the OpenAPI description (<c>eng/pinterest-openapi/openapi.json</c>;
/// the contract tests compare each with the spec), then the content rules of Pinterest's published specs that preflight
/// checks. Use these constants, and build messages from them, instead of repeating numbers.
/// </summary>
internal static class PinterestLimits
{
    /// <summary><c>PinCreate.title</c> maxLength.</summary>
    public const int TitleMaxLength = 100;

    /// <summary><c>PinCreate.description</c> maxLength.</summary>
    public const int DescriptionMaxLength = 800;

    /// <summary><c>PinCreate.alt_text</c> maxLength.</summary>
    public const int AltTextMaxLength = 500;

    /// <summary><c>PinCreate.link</c> maxLength.</summary>
    public const int LinkMaxLength = 2048;

    /// <summary>The largest <c>page_size</c> of <c>GET /v5/boards</c> (and the other bookmark-paged lists).</summary>
    public const int MaxPageSize = 250;

    /// <summary><c>items</c> minItems of a multiple-image media source.</summary>
    public const int CarouselMinItems = 2;

    /// <summary><c>items</c> maxItems of a multiple-image media source.</summary>
    public const int CarouselMaxItems = 5;

    /// <summary><c>BoardSection.name</c> maxLength.</summary>
    public const int BoardSectionNameMaxLength = 180;

    /// <summary>How far back an analytics window may start, and how long it may be, in days.</summary>
    public const int AnalyticsMaxDays = 90;

    /// <summary><c>pin_ids</c> maxItems of <c>GET /v5/pins/analytics</c> (multi_pins/analytics).</summary>
    public const int MultiPinAnalyticsMaxPins = 100;

    /// <summary><c>num_of_pins</c> maximum of the top Pins analytics (<c>user_account/analytics/top_pins</c>, <c>top_video_pins</c>).</summary>
    public const int TopPinsMaxCount = 50;

    /// <summary><c>ad_account_id</c> maxLength (the Business Access query parameter; digits only).</summary>
    public const int AdAccountIdMaxLength = 18;

    /// <summary>
    /// The content types of inline image bytes: the <c>components.schemas.ContentType</c> enum that
    /// <c>PinMediaSourceImageBase64.content_type</c> refers to.
    /// </summary>
    public static IReadOnlyList<string> InlineImageContentTypes { get; } = ["image/jpeg", "image/png"];

    // Pinterest's published content specs. The OpenAPI does not state these; they come from
    // https://business.pinterest.com/en/Pinterest-product-specs ("product specs") and
    // https://help.pinterest.com/en/business/article/video-pins ("video Pin specs").

    /// <summary>
    /// The description length the product specs advise ("Description: Up to 500 characters"): the API accepts
    /// <see cref="DescriptionMaxLength"/>, but the feed cuts what is longer, so preflight warns.
    /// </summary>
    public const int DescriptionDisplayLength = 500;

    /// <summary>The 2:3 portrait ratio's width term: the product specs' recommended image ratio, and a carousel ratio.</summary>
    public const int PortraitRatioWidth = 2;

    /// <summary>The 2:3 portrait ratio's height term.</summary>
    public const int PortraitRatioHeight = 3;

    /// <summary>The recommended image width of the product specs ("2:3 aspect ratio, or 1000 x 1500 pixels").</summary>
    public const int RecommendedImageWidth = 1000;

    /// <summary>The recommended image height: <see cref="RecommendedImageWidth"/> at the 2:3 ratio (1500).</summary>
    public const int RecommendedImageHeight = RecommendedImageWidth * PortraitRatioHeight / PortraitRatioWidth;

    /// <summary>
    /// The smallest image side Pinterest shows well (600×900 at 2:3, 600×600 at 1:1): the documented rule of
    /// <c>pinterest.image.dimensions_min</c> in docs/public-api.md. Smaller images are a warning, not an error.
    /// </summary>
    public const int MinImageSide = 600;

    /// <summary>
    /// How far carousel ratios may differ and still count as the same (1 %): the product specs ask for carousel images
    /// of one ratio, 1:1 or 2:3, and encoders round pixel sizes. This tolerance is the library's, not Pinterest's.
    /// </summary>
    public const double CarouselAspectTolerance = 0.01;

    /// <summary>The shortest video of the video Pin specs ("Length: 4 seconds - 15 minutes").</summary>
    public static TimeSpan VideoMinDuration { get; } = TimeSpan.FromSeconds(4);

    /// <summary>The longest video of the video Pin specs.</summary>
    public static TimeSpan VideoMaxDuration { get; } = TimeSpan.FromMinutes(15);

    /// <summary>The widest video ratio (width ÷ height) of the video Pin specs ("taller than 1.91:1").</summary>
    public const double VideoMaxAspect = 1.91;

    /// <summary>The tallest video ratio (width ÷ height) of the video Pin specs ("shorter than 1:2").</summary>
    public const double VideoMinAspect = 0.5;

    /// <summary>
    /// The relative slack on <see cref="VideoMinAspect"/> and <see cref="VideoMaxAspect"/>, so that pixel sizes rounded
    /// by an encoder (1920×1005 is 1.9104:1) are not warned about. The library's, not Pinterest's.
    /// </summary>
    public const double VideoAspectSlack = 1e-3;

    /// <summary>The video containers of the video Pin specs ("File type: .mp4, .mov or .m4v"), as messages name them.</summary>
    public const string VideoContainerNames = "MP4, MOV or M4V";

    /// <summary>The content types of <see cref="VideoContainerNames"/>, as messages list them.</summary>
    public static IReadOnlyList<string> VideoContentTypes { get; } = ["video/mp4", "video/quicktime", "video/x-m4v"];

    /// <summary>A non-standard spelling of M4V's content type that some servers send: accepted, never suggested.</summary>
    public const string VideoContentTypeM4VAlias = "video/m4v";
}
