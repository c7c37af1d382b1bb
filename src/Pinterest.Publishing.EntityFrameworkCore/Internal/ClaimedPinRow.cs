namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>A Pin already given to one publish (table <c>pinterest_claimed_pins</c>); the primary key makes the claim atomic.</summary>
internal sealed class ClaimedPinRow
{
    public string PinId { get; set; } = "";

    /// <summary>The operation the Pin belongs to: its own claim succeeds again, another's never.</summary>
    public string OperationId { get; set; } = "";

    public long ClaimedAt { get; set; }
}
