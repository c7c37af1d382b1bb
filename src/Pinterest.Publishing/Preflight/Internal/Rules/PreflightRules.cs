namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>The rules preflight runs, in the order their issues appear in a result: the one list to add a rule to.</summary>
internal static class PreflightRules
{
    /// <summary>Every rule, draft-level fields first, then the media.</summary>
    public static IReadOnlyList<IPreflightRule> All { get; } =
    [
        new BoardRule(),
        new TitleRule(),
        new DescriptionRule(),
        new AltTextRule(),
        new DominantColorRule(),
        new LinkRule(),
        new MediaRequiredRule(),
        new SandboxRule(),
        new ImageUrlRule(),
        new InlineImageRule(),
        new CarouselRule(),
        new VideoSourceRule(),
        new VideoCoverRule(),
    ];
}
