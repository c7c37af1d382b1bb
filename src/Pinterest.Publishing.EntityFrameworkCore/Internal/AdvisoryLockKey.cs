using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The 64-bit key of a PostgreSQL advisory lock: the first 8 bytes of the SHA-256 of the lock's name. Stable across
/// processes, machines and .NET versions (unlike <see cref="string.GetHashCode()"/>, randomized per process), so every
/// instance locks the same key for the same account.
/// </summary>
internal static class AdvisoryLockKey
{
    public static long Refresh(string accountId) => Of("pinterest-refresh:" + accountId);

    public static long PublishSlot(string accountId, int slot) => Of("pinterest-slot:" + accountId + ":" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static long Of(string name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
