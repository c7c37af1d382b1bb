using System.Diagnostics.CodeAnalysis;
using Pinterest.Publishing.Events;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class PinterestPublishingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TObserver"/> (a singleton) to the observers told about published, rejected and retried
    /// Pins, unknown outcomes, accounts to reconnect, refresh tokens expiring and accounts cooling down. Several may be
    /// added; each is called, in the background, and its failures are logged and contained.
    /// </summary>
    public static IPinterestPublishingBuilder AddObserver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TObserver>(this IPinterestPublishingBuilder builder)
        where TObserver : class, IPinterestPublishingObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IPinterestPublishingObserver, TObserver>();
        return builder;
    }
}
