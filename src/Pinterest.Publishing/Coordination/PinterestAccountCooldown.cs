namespace Pinterest.Publishing.Coordination;

/// <summary>
/// A period in which an account must not call Pinterest (for one rate-limit category, or at all), as kept by an
/// <see cref="IPinterestAccountCoordinator"/>.
/// </summary>
public sealed record PinterestAccountCooldown
{
    /// <summary>The host's account id.</summary>
    public required string AccountId { get; init; }

    /// <summary>
    /// The rate-limit category the cool-down holds for (<c>org_read</c>, <c>org_write</c>, <c>org_analytics</c>, as in
    /// Pinterest's OpenAPI <c>x-ratelimit-category</c>), or <see langword="null"/> for the whole account (a spam block,
    /// or a 429 whose category is not known).
    /// </summary>
    public string? Category { get; init; }

    /// <summary>When the account may call again.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>Whether the cool-down comes from a spam block rather than a rate limit.</summary>
    public bool IsSpamBlock { get; init; }

    /// <summary>How many limits came in a row without a success in between: the library doubles its wait with each.</summary>
    public int InARow { get; init; }
}
