using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>What a <see cref="HostileChaosRun"/> left behind, for the assertions.</summary>
internal sealed class HostileChaosResult
{
    /// <summary>Each publish with its outcome: as the caller saw it, or the scheduled Pin's final one.</summary>
    public required IReadOnlyList<(ChaosPublish Publish, PinPublishOutcome Outcome)> Outcomes { get; init; }

    /// <summary>Every completion the dispatcher recorded, retries included, in order.</summary>
    public required IReadOnlyList<(ScheduledPin Pin, PinPublishOutcome Outcome)> Completions { get; init; }

    public required IReadOnlyList<ScheduledPin> StillScheduled { get; init; }

    public required IReadOnlyList<EmulatedPin> Pins { get; init; }

    public required int CreateCalls { get; init; }

    public required Dictionary<string, IReadOnlyList<EmulatedRequest>> CreatesByTitle { get; init; }

    public required (string Route, string Name, EmulatorFaultRegistration Registration)[] Faults { get; init; }

    public required int TokenRefreshCount { get; init; }

    public required int Unauthorized { get; init; }

    public required int DripDownloads { get; init; }

    public required int DripBodiesClosed { get; init; }

    /// <summary>How many secrets were searched for.</summary>
    public required int SecretCount { get; init; }

    /// <summary>Each text in which a secret was found.</summary>
    public required IReadOnlyList<string> Leaks { get; init; }

    /// <summary>How many captured texts quote an echoed answer (scrubbed), which shows the echoes reached them.</summary>
    public required int EchoesQuoted { get; init; }

    public required int SpanCount { get; init; }

    public required int MeasurementCount { get; init; }

    public required string[] LeftoverFiles { get; init; }
}
