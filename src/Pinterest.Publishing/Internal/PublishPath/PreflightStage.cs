using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// Runs preflight on a request whose board <see cref="BoardResolutionStage"/> has resolved: the library's validator is
/// told so and does not ask <c>IDefaultBoardProvider</c> again. A host's own <see cref="IPinPreflightValidator"/> gets
/// the resolved request through its public method.
/// </summary>
internal sealed class PreflightStage
{
    private readonly Func<PublishPinRequest, CancellationToken, Task<PreflightResult>> _validate;
    private readonly PinterestTelemetry _telemetry;
    private readonly ILogger _logger;

    public PreflightStage(IPinPreflightValidator validator, PinterestTelemetry telemetry, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(validator);
        _validate = validator is PinPreflightValidator ours ? ours.ValidateResolvedAsync : validator.ValidateAsync;
        _telemetry = telemetry;
        _logger = loggerFactory.CreateLogger(PublishPathLog.CategoryName);
    }

    /// <summary>Every problem with the resolved draft; nothing is recorded or thrown.</summary>
    public Task<PreflightResult> ValidateAsync(PublishPinRequest resolved, CancellationToken cancellationToken) =>
        _validate(resolved, cancellationToken);

    /// <summary>Validates the resolved draft for a publish: records its issues and stops the publish on an error.</summary>
    /// <returns>The result: valid, so warnings only.</returns>
    /// <exception cref="PinPreflightException">Preflight found an error; nothing was sent.</exception>
    public async Task<PreflightResult> RunAsync(PublishPinRequest resolved, CancellationToken cancellationToken)
    {
        var result = await _validate(resolved, cancellationToken).ConfigureAwait(false);
        _telemetry.RecordPreflightIssues(result);
        if (!result.IsValid)
        {
            PublishPathLog.PreflightRejected(_logger, resolved.AccountId, result.Errors.Count, string.Join(",", result.Errors.Select(e => e.Code).Distinct()));
            throw new PinPreflightException(result);
        }

        return result;
    }
}
