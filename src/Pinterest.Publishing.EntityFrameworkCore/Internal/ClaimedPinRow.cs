namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>A Pin already given to one publish (table <c>pinterest_claimed_pins</c>); the primary key makes the claim atomic.</summary>
internal sealed class ClaimedPinRow
{
    public string PinId { get; set; } = "";

    public long ClaimedAt { get; set; }
}
