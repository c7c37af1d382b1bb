
namespace Pinterest.Publishing.Preflight;

/// <summary>Finds every problem with a draft Pin before anything is published.</summary>
public interface IPinPreflightValidator
{
    /// <summary>Checks text, board, media and every URL of the draft; returns all issues at once.</summary>
    /// <exception cref="ArgumentException">The request itself is malformed (null members); content problems are issues, not exceptions.</exception>
    Task<PreflightResult> ValidateAsync(PublishPinRequest request, CancellationToken cancellationToken = default);
}
