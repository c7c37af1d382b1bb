using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing;

/// <summary>The result of a successful publish.</summary>
public sealed record PublishPinResult
{
    /// <summary>The id of the Pin on Pinterest.</summary>
    public required string PinId { get; init; }

    /// <summary>The preflight result; it holds only warnings, since errors stop publishing.</summary>
    public PreflightResult Preflight { get; init; } = PreflightResult.Empty;

    /// <summary><see langword="true"/> when the Pin was found by reconciliation after an ambiguous failure rather than returned by the create call.</summary>
    public bool Reconciled { get; init; }
}
