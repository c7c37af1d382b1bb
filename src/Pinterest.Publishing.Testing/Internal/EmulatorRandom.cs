using System.Security.Cryptography;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The random strings the emulator hands out: tokens, authorization codes, presigned upload fields and request ids.
/// Cryptographically random, so a test can never guess one or see two collide.
/// </summary>
internal static class EmulatorRandom
{
    /// <summary>32 random bytes as URL-safe base64 without padding, after <paramref name="prefix"/> (<c>pina_</c>, <c>pinr_</c>...).</summary>
    public static string Token(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary><paramref name="bytes"/> random bytes as lower-case hex.</summary>
    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A value for the <c>x-pinterest-rid</c> header.</summary>
    public static string RequestId() => Hex(8);
}
