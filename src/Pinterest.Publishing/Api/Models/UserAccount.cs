
namespace Pinterest.Publishing.Api.Models;

/// <summary>The connected user's account.</summary>
public sealed class UserAccount
{
    /// <summary>The user id.</summary>
    public string? Id { get; set; }

    /// <summary>The username.</summary>
    public string? Username { get; set; }

    /// <summary><c>PINNER</c> or <c>BUSINESS</c>.</summary>
    public string? AccountType { get; set; }

    /// <summary>The business name, for business accounts.</summary>
    public string? BusinessName { get; set; }

    /// <summary>The profile image URL.</summary>
    public string? ProfileImage { get; set; }

    /// <summary>The website URL.</summary>
    public string? WebsiteUrl { get; set; }

    /// <summary>The board count.</summary>
    public int? BoardCount { get; set; }

    /// <summary>The Pin count.</summary>
    public int? PinCount { get; set; }

    /// <summary>The follower count.</summary>
    public int? FollowerCount { get; set; }
}
