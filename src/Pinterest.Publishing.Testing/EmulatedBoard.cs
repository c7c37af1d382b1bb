
namespace Pinterest.Publishing.Testing;

/// <summary>A board held by the emulator.</summary>
public sealed record EmulatedBoard
{
    /// <summary>The numeric board id.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the account that owns the board.</summary>
    public required string AccountId { get; init; }

    /// <summary>The board name.</summary>
    public required string Name { get; init; }

    /// <summary>The board description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The privacy: <c>PUBLIC</c>, <c>PROTECTED</c> or <c>SECRET</c>.</summary>
    public string Privacy { get; init; } = "PUBLIC";

    /// <summary>When the board was created, on the emulator's clock.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
