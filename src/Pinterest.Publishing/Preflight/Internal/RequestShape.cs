using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// The one check that throws: a malformed request (a null member, an unknown media type) is the caller's bug, not a
/// content problem, so it is an exception, never an issue.
/// </summary>
internal static class RequestShape
{
    /// <summary>Throws when the request's required members are missing.</summary>
    /// <exception cref="ArgumentException">A member is null or missing; its parameter name is the member's path.</exception>
    public static void Validate(PublishPinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.AccountId))
        {
            throw InvalidRequest("The request's AccountId is required.", $"{nameof(request)}.{nameof(request.AccountId)}");
        }

        ValidateShape(request.Media);
    }

    private static void ValidateShape(PinMedia? media)
    {
        const string field = "request.Media";
        switch (media)
        {
            case ImageUrlPinMedia { Url: null }:
                throw InvalidRequest("The image URL is null.", $"{field}.Url");
            case InlineImagePinMedia { ContentType: null }:
                throw InvalidRequest("The inline image's content type is null.", $"{field}.ContentType");
            case CarouselPinMedia { Items: null }:
                throw InvalidRequest("The carousel's items are null.", $"{field}.Items");
            case CarouselPinMedia carousel:
                for (var i = 0; i < carousel.Items.Count; i++)
                {
                    if (carousel.Items[i]?.Url is null)
                    {
                        throw InvalidRequest($"Carousel item {i} or its URL is null.", $"{field}.Items[{i}]");
                    }
                }

                break;
            case VideoPinMedia { Source: null }:
                throw InvalidRequest("The video source is null.", $"{field}.Source");
            case VideoPinMedia { Cover: UrlVideoCover { Url: null } }:
                throw InvalidRequest("The video cover URL is null.", $"{field}.Cover.Url");
            case null or ImageUrlPinMedia or InlineImagePinMedia or VideoPinMedia:
                // No media is a content issue (pinterest.media.required), reported by MediaRequiredRule.
                break;
            default:
                throw InvalidRequest($"Unknown media type {media.GetType().Name}.", field);
        }
    }

    // The parameter name is the request's member path, so that the caller sees which field is wrong.
    private static InvalidPublishRequestException InvalidRequest(string message, string field) => new(message, field);
}
