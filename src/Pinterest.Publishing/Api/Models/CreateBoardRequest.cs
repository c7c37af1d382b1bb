
namespace Pinterest.Publishing.Api.Models;

/// <summary>The body of <c>POST /v5/boards</c>.</summary>
public sealed class CreateBoardRequest
{
    /// <summary>The board name.</summary>
    public required string Name { get; set; }

    /// <summary>The description.</summary>
    public string? Description { get; set; }

    /// <summary><c>PUBLIC</c> (default), <c>PROTECTED</c> or <c>SECRET</c>.</summary>
    public string? Privacy { get; set; }
}
