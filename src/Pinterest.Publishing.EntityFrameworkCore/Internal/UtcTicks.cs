namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// Times are stored as UTC ticks (bigint): SQLite cannot compare or order <see cref="DateTimeOffset"/> columns, and
/// one representation keeps the two providers' schemas and queries alike. Exact to the tick, so values round-trip.
/// </summary>
internal static class UtcTicks
{
    public static long From(DateTimeOffset value) => value.UtcTicks;

    public static long? From(DateTimeOffset? value) => value?.UtcTicks;

    public static DateTimeOffset To(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? To(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
