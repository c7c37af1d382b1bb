using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Authentication.Internal;

/// <summary>
/// The hosted keep-alive sweep (<c>AddAccountKeepAliveSweep</c>): at start and then every
/// <see cref="PinterestPublishingOptions.KeepAliveSweepInterval"/>, it lists the accounts whose refresh token expires
/// within <see cref="PinterestPublishingOptions.RefreshTokenRenewalMargin"/> (<see cref="IPinterestAccountCatalog"/>)
/// and keeps each alive (<see cref="IPinterestAccountKeepAlive"/>, which refreshes under the account's refresh lock, so
/// several instances sweeping at once refresh each account once).
/// </summary>
/// <remarks>
/// Without a catalog it logs that once and does nothing: the host then calls the keep-alive itself. One account's
/// failure is logged (account id and exception type, never a token) and the sweep goes on with the next; a failed
/// listing waits for the next interval. Stopping the host stops the sweep.
/// </remarks>
internal sealed class AccountKeepAliveSweep : BackgroundService
{
    private readonly IPinterestAccountCatalog? _catalog;
    private readonly IPinterestAccountKeepAlive _keepAlive;
    private readonly IOptions<PinterestPublishingOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public AccountKeepAliveSweep(IEnumerable<IPinterestAccountCatalog> catalogs, IPinterestAccountKeepAlive keepAlive, IOptions<PinterestPublishingOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        // The last registration wins, as for any service; none is no error (the host keeps accounts alive itself).
        _catalog = catalogs.LastOrDefault();
        _keepAlive = keepAlive;
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger(AuthenticationLog.CategoryName);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_catalog is null)
        {
            AuthenticationLog.KeepAliveSweepWithoutCatalog(_logger);
            return;
        }

        try
        {
            while (true)
            {
                await SweepOnceAsync(_catalog, stoppingToken).ConfigureAwait(false);
                await Task.Delay(_options.Value.KeepAliveSweepInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    /// <summary>One sweep: every account the catalog lists as expiring within the renewal margin, kept alive in turn.</summary>
    internal async Task SweepOnceAsync(IPinterestAccountCatalog catalog, CancellationToken cancellationToken)
    {
        var options = _options.Value;

        // The renewal margin, or the access token's margin when renewal is off (zero): the accounts a call would refresh.
        var margin = options.RefreshTokenRenewalMargin > options.TokenRefreshMargin ? options.RefreshTokenRenewalMargin : options.TokenRefreshMargin;
        var before = _timeProvider.GetUtcNow() + margin;
        int listed = 0, renewed = 0, failed = 0;
        try
        {
            await foreach (var accountId in catalog.GetAccountsExpiringBeforeAsync(before, cancellationToken).ConfigureAwait(false))
            {
                listed++;
                try
                {
                    var result = await _keepAlive.KeepAliveAsync(accountId, cancellationToken).ConfigureAwait(false);
                    if (result == PinterestKeepAliveResult.Renewed)
                    {
                        renewed++;
                    }
                    else if (result == PinterestKeepAliveResult.CannotRenew)
                    {
                        AuthenticationLog.KeepAliveSweepCannotRenew(_logger, accountId);
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failed++;
                    AuthenticationLog.KeepAliveSweepAccountFailed(_logger, accountId, ex.GetType().Name, ex);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            AuthenticationLog.KeepAliveSweepListingFailed(_logger, options.KeepAliveSweepInterval, ex);
        }

        AuthenticationLog.KeepAliveSweepCompleted(_logger, listed, renewed, failed, before);
    }
}
