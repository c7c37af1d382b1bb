
namespace Pinterest.Publishing.Internal.Options;

/// <summary>The bounds the options' validation attributes use, as the invariant TimeSpan text attributes can carry.</summary>
internal static class OptionLimits
{
    /// <summary>No time at all.</summary>
    public const string Zero = "00:00:00";

    /// <summary>
    /// The longest timeout or delay a single setting may give a timer (<c>HttpClient.Timeout</c>, <c>CancelAfter</c>,
    /// <c>Task.Delay</c>): timers refuse spans past about 24 or 49 days with an exception at their first use, deep in a
    /// publish, and no wait of the library needs more than a day.
    /// </summary>
    public const string OneDay = "1.00:00:00";

    /// <summary>
    /// The life of a Pinterest access token: a refresh-token renewal margin longer than it would refresh on almost
    /// every call instead of about once per access token.
    /// </summary>
    public const string ThirtyDays = "30.00:00:00";

    /// <summary>No upper bound: the setting only moves a date (a retry's due time), which is clamped to the calendar.</summary>
    public const string Unbounded = "10675199.02:48:05.4775807";

    /// <summary><see cref="OneDay"/> as a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The longest span a <see cref="CancellationTokenSource"/> or <see cref="TimeProvider"/> timer accepts
    /// (<c>uint.MaxValue - 1</c> milliseconds, 49.7 days), for a timeout computed from several settings.
    /// </summary>
    public static TimeSpan MaxTimerSpan { get; } = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
}
