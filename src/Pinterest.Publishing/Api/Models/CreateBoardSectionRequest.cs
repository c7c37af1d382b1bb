
namespace Pinterest.Publishing.Api.Models;

/// <summary>The body of <c>POST /v5/boards/{board_id}/sections</c>.</summary>
public sealed class CreateBoardSectionRequest
{
    /// <summary>The section name.</summary>
    public required string Name { get; set; }
}
