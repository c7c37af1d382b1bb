
namespace Pinterest.Publishing.Preflight;

/// <summary>How serious a preflight issue is.</summary>
public enum PreflightSeverity
{
    /// <summary>Publishing goes ahead; the Pin may look worse than intended.</summary>
    Warning = 0,

    /// <summary>Publishing is blocked: Pinterest would reject the Pin or the media.</summary>
    Error = 1,
}
