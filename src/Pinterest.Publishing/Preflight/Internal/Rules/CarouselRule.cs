using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// A carousel has <see cref="PinterestLimits.CarouselMinItems"/> to <see cref="PinterestLimits.CarouselMaxItems"/>
/// items, each with valid text, link and image (the checks of <see cref="TitleRule"/>, <see cref="DescriptionRule"/>,
/// <see cref="LinkRule"/> and <see cref="ImageChecks"/>), and all its images share one ratio, 1:1 or 2:3.
/// </summary>
internal sealed class CarouselRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
        if (context.Request.Media is not CarouselPinMedia { Items: var items })
        {
            return;
        }

        if (items.Count is < PinterestLimits.CarouselMinItems or > PinterestLimits.CarouselMaxItems)
        {
            var fix = items.Count < PinterestLimits.CarouselMinItems ? "Add images or publish a single image Pin." : "Remove images or split the Pin.";
            issues.Error(PreflightCodes.CarouselCount, "media",
                $"The carousel has {items.Count} images; Pinterest needs {PinterestLimits.CarouselMinItems} to {PinterestLimits.CarouselMaxItems}. {fix}");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            TitleRule.Check(item.Title, $"media[{i}].title", issues);
            DescriptionRule.Check(item.Description, $"media[{i}].description", issues);
            ImageChecks.PlanProbe(item.Url, context);
            LinkRule.PlanLink(item.Link, $"media[{i}].link", context, issues);
        }
    }

    /// <inheritdoc />
    public async ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken)
    {
        if (context.Request.Media is not CarouselPinMedia { Items: var items })
        {
            return;
        }

        var headers = new List<(int Index, MediaHeader Header)>();
        for (var i = 0; i < items.Count; i++)
        {
            var header = await ImageChecks.EvaluateProbeAsync(items[i].Url, $"media[{i}]", context, issues).ConfigureAwait(false);
            if (header is { HasDimensions: true } h)
            {
                headers.Add((i, h));
            }

            await LinkRule.EvaluateLinkAsync(items[i].Link, $"media[{i}].link", context, issues).ConfigureAwait(false);
        }

        CheckAspect(headers, issues);
    }

    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= PinterestLimits.CarouselAspectTolerance * Math.Max(a, b);

    /// <summary>
    /// Judges the set: the widest and the narrowest ratio must lie within the tolerance of each other (not each of the
    /// first image, which lets the set spread to twice the tolerance), and both within it of one allowed ratio. Ratios
    /// are of the displayed pictures (EXIF orientation applied), as users see them.
    /// </summary>
    private static void CheckAspect(List<(int Index, MediaHeader Header)> headers, PreflightIssueList issues)
    {
        if (headers.Count == 0)
        {
            return;
        }

        var ratios = headers.Select(h => (double)h.Header.DisplayWidth!.Value / h.Header.DisplayHeight!.Value).ToArray();
        var widest = ratios.Max();
        var narrowest = ratios.Min();
        var sizes = string.Join(", ", headers.Select(h => $"media[{h.Index}] {h.Header.DescribeSize()}"));
        if (!IsClose(widest, narrowest))
        {
            issues.Error(PreflightCodes.CarouselAspectConsistent, "media",
                $"Carousel images must all have the same aspect ratio (within {PinterestLimits.CarouselAspectTolerance * 100:0} % from the widest to the narrowest); they are {sizes} (ratios {narrowest:0.###} to {widest:0.###}). Crop them to one ratio, 1:1 or {ImageChecks.PortraitRatio}.");
            return;
        }

        var square = IsClose(widest, 1.0) && IsClose(narrowest, 1.0);
        var portrait = IsClose(widest, ImageChecks.PortraitAspect) && IsClose(narrowest, ImageChecks.PortraitAspect);
        if (!square && !portrait)
        {
            issues.Error(PreflightCodes.CarouselAspectAllowed, "media",
                $"The carousel's images are {sizes} (ratios {narrowest:0.###} to {widest:0.###}); Pinterest accepts carousels of 1:1 or {ImageChecks.PortraitRatio} images (within {PinterestLimits.CarouselAspectTolerance * 100:0} %). Crop them to one of those.");
        }
    }
}
