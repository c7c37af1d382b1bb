
namespace Pinterest.Publishing.Api.Models;

/// <summary>The body of <c>POST /v5/pins</c>.</summary>
public sealed class CreatePinRequest
{
    /// <summary>The board id (digits only).</summary>
    public required string BoardId { get; set; }

    /// <summary>The board section id, if any.</summary>
    public string? BoardSectionId { get; set; }

    /// <summary>The title (≤ 100).</summary>
    public string? Title { get; set; }

    /// <summary>The description (≤ 800).</summary>
    public string? Description { get; set; }

    /// <summary>The destination link (≤ 2048).</summary>
    public string? Link { get; set; }

    /// <summary>The alternative text (≤ 500).</summary>
    public string? AltText { get; set; }

    /// <summary>The dominant colour, <c>#RRGGBB</c>.</summary>
    public string? DominantColor { get; set; }

    /// <summary>The media source: one of the <see cref="PinMediaSource"/> subclasses.</summary>
    public required PinMediaSource MediaSource { get; set; }
}
