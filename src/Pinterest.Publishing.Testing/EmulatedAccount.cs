
namespace Pinterest.Publishing.Testing;

/// <summary>A Pinterest user account held by the emulator.</summary>
/// <param name="Id">The numeric account id.</param>
/// <param name="Username">The account's username.</param>
public sealed record EmulatedAccount(string Id, string Username);
