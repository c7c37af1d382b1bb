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

    private static void CheckAspect(List<(int Index, MediaHeader Header)> headers, PreflightIssueList issues)
    {
        if (headers.Count == 0)
        {
            return;
        }

        var ratios = headers.Select(h => (double)h.Header.Width!.Value / h.Header.Height!.Value).ToArray();
        var first = ratios[0];
        var outliers = headers.Where((_, i) => !IsClose(ratios[i], first)).Select(h => h.Index).ToArray();
        if (outliers.Length > 0)
        {
            var sizes = string.Join(", ", headers.Select(h => $"media[{h.Index}] {h.Header.Width}×{h.Header.Height}"));
            issues.Error(PreflightCodes.CarouselAspectConsistent, "media",
                $"Carousel images must all have the same aspect ratio (within {PinterestLimits.CarouselAspectTolerance * 100:0} %); they are {sizes}. Crop them to one ratio, 1:1 or {ImageChecks.PortraitRatio}.");
            return;
        }

        if (!IsClose(first, 1.0) && !IsClose(first, ImageChecks.PortraitAspect))
        {
            var h0 = headers[0].Header;
            issues.Error(PreflightCodes.CarouselAspectAllowed, "media",
                $"The carousel's images are {h0.Width}×{h0.Height} (ratio {first:0.###}); Pinterest accepts carousels of 1:1 or {ImageChecks.PortraitRatio} images. Crop them to one of those.");
        }
    }
}
