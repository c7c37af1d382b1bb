using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// Inline image bytes are of a type <c>image_base64</c> accepts (<see cref="PinterestLimits.InlineImageContentTypes"/>),
/// within the size limit, and a readable image (<see cref="ImageChecks"/>).
/// </summary>
internal sealed class InlineImageRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        if (context.Request.Media is not InlineImagePinMedia inline)
        {
            return;
        }

        var declared = ImageChecks.NormaliseType(inline.ContentType.Trim().ToLowerInvariant());
        if (declared is null || !PinterestLimits.InlineImageContentTypes.Contains(declared))
        {
            issues.Error(PreflightCodes.ImageMimeAllowed, "media",
                $"Inline images must be {string.Join(" or ", PinterestLimits.InlineImageContentTypes)} (Pinterest's image_base64 rule); {declared} was given. Convert the image.");
        }

        var maxBytes = context.Options.MaxImageBytes;
        if (inline.Data.Length > maxBytes)
        {
            issues.Error(PreflightCodes.ImageSizeMax, "media",
                $"The image is {inline.Data.Length:N0} bytes; the limit is {maxBytes:N0}. Compress or resize it.");
        }

        var header = MediaHeaderReader.Read(inline.Data.Span, isComplete: true);
        ImageChecks.EvaluateBytes(header, declared, "media", context.Options, issues);
    }

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
