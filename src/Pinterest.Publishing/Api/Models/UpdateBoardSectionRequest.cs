
namespace Pinterest.Publishing.Api.Models;

/// <summary>The body of <c>PATCH /v5/boards/{board_id}/sections/{section_id}</c>.</summary>
public sealed class UpdateBoardSectionRequest
{
    /// <summary>The new section name (1 to 180 characters).</summary>
    public required string Name { get; set; }
}
