
namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// The body of <c>PATCH /v5/boards/{board_id}</c> (the spec's <c>BoardWithUpdatePrivacyUpdate</c>). Only the properties
/// that are set are sent; a property left <see langword="null"/> keeps the board's current value.
/// </summary>
public sealed class UpdateBoardRequest
{
    /// <summary>The new board name.</summary>
    public string? Name { get; set; }

    /// <summary>The new description.</summary>
    public string? Description { get; set; }

    /// <summary><c>PUBLIC</c> or <c>SECRET</c> (the only values an update takes).</summary>
    public string? Privacy { get; set; }
}
