
namespace Pinterest.Publishing.Api.Models;

/// <summary>The owner of a board.</summary>
public sealed class BoardOwner
{
    /// <summary>The owner's username.</summary>
    public string? Username { get; set; }
}
