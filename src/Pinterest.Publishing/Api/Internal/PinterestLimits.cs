
namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Pinterest's limits as the OpenAPI description states them. The contract tests compare each with the spec, so use
/// these constants instead of repeating numbers.
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
}
