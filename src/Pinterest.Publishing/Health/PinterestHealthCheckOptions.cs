namespace Pinterest.Publishing.Health;

/// <summary>Thresholds of the health checks added by <c>AddHealthChecks().AddPinterestPublishing()</c>.</summary>
public sealed class PinterestHealthCheckOptions
{
    /// <summary>
    /// The dispatcher's loop is unhealthy when its last round began more than this many poll intervals
    /// (<c>PinScheduling:PollInterval</c>) ago, unless every publish slot was busy then (it then waits for a publish to
    /// end, bounded by the lease). At least 2; default 3.
    /// </summary>
    public int DispatcherStaleAfterPolls { get; set; } = 3;

    /// <summary>
    /// The schedule check is degraded when the oldest due Pin that no dispatcher holds has waited longer than this
    /// (the store must implement <see cref="Scheduling.IPinScheduleStoreHealth"/>). Positive; default 5 minutes.
    /// </summary>
    public TimeSpan MaxDueLag { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The tags given to every check (to map them to a probe, say); default <c>pinterest</c>.</summary>
    public IList<string> Tags { get; } = ["pinterest"];
}
