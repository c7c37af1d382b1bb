using System.Globalization;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// A board's Pins as <c>GET /v5/boards/{board_id}/pins</c> lists them: only those created at least the listing delay ago
/// (Pinterest's listing lags its writes), mostly newest first (neighbouring pairs swapped by a seeded draw, see
/// <see cref="PinterestEmulatorOptions.BoardPinListingDisorder"/>). The order is a function of the listed Pins and the
/// seed alone, so the pages of one listing agree with each other while no Pin appears.
/// </summary>
internal static class BoardPinListing
{
    /// <summary>The listed Pins of <paramref name="boardPins"/> at <paramref name="now"/>, in listing order.</summary>
    public static List<EmulatedPin> Arrange(IEnumerable<EmulatedPin> boardPins, DateTimeOffset now, PinterestEmulatorOptions options)
    {
        var listed = boardPins
            .Where(pin => pin.CreatedAt + options.BoardPinListingDelay <= now)
            .OrderByDescending(pin => long.Parse(pin.Id, CultureInfo.InvariantCulture))
            .ToList();
        for (var i = 0; i + 1 < listed.Count; i += 2)
        {
            if (Draw(options.BoardPinListingSeed, listed[i].Id) < options.BoardPinListingDisorder)
            {
                (listed[i], listed[i + 1]) = (listed[i + 1], listed[i]);
            }
        }

        return listed;
    }

    // A uniform draw in [0, 1) from the seed and the Pin id (SplitMix64's finaliser): the same on every run and machine.
    private static double Draw(int seed, string pinId)
    {
        var x = unchecked((ulong)long.Parse(pinId, CultureInfo.InvariantCulture) ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
