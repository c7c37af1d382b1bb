using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Pinterest.Publishing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class PinterestPublishingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the hosted keep-alive sweep: at start and then every <see cref="PinterestPublishingOptions.KeepAliveSweepInterval"/>
    /// (<c>Pinterest:KeepAliveSweepInterval</c>, default 6 hours), it lists the accounts whose refresh token expires within
    /// <c>Pinterest:RefreshTokenRenewalMargin</c> from the registered <see cref="IPinterestAccountCatalog"/> and refreshes
    /// each through <see cref="IPinterestAccountKeepAlive"/>, under the account's refresh lock. Without a catalog it logs a
    /// warning and does nothing. One account's failure is logged and does not stop the sweep. Calling it again adds nothing.
    /// </summary>
    /// <param name="builder">The builder <c>AddPinterestPublishing</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IPinterestPublishingBuilder AddAccountKeepAliveSweep(this IPinterestPublishingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AccountKeepAliveSweep>());
        return builder;
    }
}
