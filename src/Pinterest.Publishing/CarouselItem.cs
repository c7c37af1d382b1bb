using System.Text;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing;

/// <summary>One image of a carousel Pin, with optional per-image text and link.</summary>
/// <param name="Url">The image URL.</param>
public sealed record CarouselItem(Uri Url)
{
    /// <summary>The item's title, shown when the image is opened; at most 100 characters.</summary>
    public string? Title { get; init; }

    /// <summary>The item's description; at most 800 characters.</summary>
    public string? Description { get; init; }

    /// <summary>The item's destination link.</summary>
    public Uri? Link { get; init; }

    // URLs print without userinfo or query (a password, a signature). Keep in step with the members above.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Url = ").Append(SecretScrubber.RedactUrl(Url))
            .Append(", Title = ").Append(Title)
            .Append(", Description = ").Append(Description)
            .Append(", Link = ").Append(Link is null ? null : SecretScrubber.RedactUrl(Link));
        return true;
    }
}
