using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pinterest.Publishing.Authentication;

namespace Pinterest.Publishing.Health.Internal;

/// <summary>
/// Unhealthy when the token store cannot answer one read (of an account id no host uses, so that no token is read and
/// nothing is sent to Pinterest). Only the exception's type is reported: its message may hold a connection string.
/// </summary>
internal sealed class TokenStoreHealthCheck(IPinterestTokenStore store) : IHealthCheck
{
    /// <summary>The account id read: no host connects an account under it.</summary>
    public const string ProbeAccountId = "pinterest-publishing-health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = await store.GetTokenAsync(ProbeAccountId, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The token store answered.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The token store did not answer: {ex.GetType().Name}.",
                data: new Dictionary<string, object> { ["exception_type"] = ex.GetType().Name });
        }
    }
}
