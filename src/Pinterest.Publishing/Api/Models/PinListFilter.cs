
namespace Pinterest.Publishing.Api.Models;

/// <summary>
/// The filters of <c>GET /v5/pins</c> (the user's Pins). Every property is optional; values are sent as Pinterest spells
/// them, so a value Pinterest adds later can be used before this library knows it.
/// </summary>
public sealed class PinListFilter
{
    /// <summary><c>exclude_native</c>, <c>exclude_repins</c> or <c>has_been_promoted</c> (<c>pin_filter</c>).</summary>
    public string? PinFilter { get; set; }

    /// <summary>Whether Pins on protected boards are listed too (<c>include_protected_pins</c>; Pinterest's default is no).</summary>
    public bool? IncludeProtectedPins { get; set; }

    /// <summary><c>PRIVATE</c>, the only type Pinterest filters by today (<c>pin_type</c>).</summary>
    public string? PinType { get; set; }

    /// <summary>Creative types to list, such as <c>REGULAR</c>, <c>VIDEO</c>, <c>CAROUSEL</c> (<c>creative_types</c>).</summary>
    public IReadOnlyList<string>? CreativeTypes { get; set; }

    /// <summary>
    /// Business Access: the ad account whose owner's Pins are listed (<c>ad_account_id</c>, digits); the token's user
    /// needs a Business Access role on it.
    /// </summary>
    public string? AdAccountId { get; set; }
}
