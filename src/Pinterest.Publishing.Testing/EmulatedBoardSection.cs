
namespace Pinterest.Publishing.Testing;

/// <summary>A board section held by the emulator.</summary>
/// <param name="Id">The numeric section id.</param>
/// <param name="BoardId">The board the section belongs to.</param>
/// <param name="Name">The section name.</param>
public sealed record EmulatedBoardSection(string Id, string BoardId, string Name);
