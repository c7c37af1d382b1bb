
namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// Registered by <c>ProtectTokens()</c>: the host asked for tokens encrypted at rest with the key ring as it configured
/// it. A store package that protects tokens by default only on a persisted key ring protects them whatever the key ring
/// when it finds this (and <c>ProtectTokens()</c> does not wrap them a second time).
/// </summary>
internal sealed class ProtectedTokenStoreRequest;
