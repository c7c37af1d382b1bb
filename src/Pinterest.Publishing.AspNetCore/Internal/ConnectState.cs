using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// The <c>state</c> of one connect attempt: a nonce (also in the correlation cookie), when it expires, the host's account
/// id and the local URL to come back to, protected with Data Protection so the browser can neither read nor forge it.
/// </summary>
/// <remarks>
/// The expiry travels inside the protected payload and is checked against the host's <see cref="TimeProvider"/>, rather
/// than with <see cref="ITimeLimitedDataProtector"/>: that one reads the system clock and throws the same exception for
/// an expired payload as for a forged one, and the callback must tell the two apart.
/// </remarks>
internal sealed record ConnectState(string Nonce, DateTimeOffset ExpiresAt, string AccountId, string ReturnUrl)
{
    /// <summary>The purpose string the state is protected with; stable, so a deploy does not invalidate attempts in flight.</summary>
    public const string Purpose = "Pinterest.Publishing.AspNetCore.ConnectState.v1";

    private const byte Version = 1;

    /// <summary>A new unguessable nonce (256 bits, base64url).</summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The protected, URL-safe form.</summary>
    public string Protect(IDataProtector protector)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Nonce);
            writer.Write(ExpiresAt.UtcTicks);
            writer.Write(AccountId);
            writer.Write(ReturnUrl);
        }

        return Base64Url.EncodeToString(protector.Protect(buffer.ToArray()));
    }

    /// <summary>The genuine state <paramref name="value"/> protects, or <see langword="null"/> when it is malformed, forged or from another key ring.</summary>
    public static ConnectState? TryUnprotect(IDataProtector protector, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return null;
        }

        try
        {
            var plain = protector.Unprotect(Base64Url.DecodeFromChars(value));
            using var reader = new BinaryReader(new MemoryStream(plain), Encoding.UTF8);
            if (reader.ReadByte() != Version)
            {
                return null;
            }

            var nonce = reader.ReadString();
            var expiresAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            return new ConnectState(nonce, expiresAt, reader.ReadString(), reader.ReadString());
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or EndOfStreamException or ArgumentException)
        {
            return null;
        }
    }

    // Records print every member; the nonce is half of the correlation proof.
    /// <inheritdoc />
    public override string ToString() => $"ConnectState {{ ExpiresAt = {ExpiresAt:O}, AccountId = {AccountId} }}";
}
