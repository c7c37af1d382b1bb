namespace Microsoft.Extensions.DependencyInjection;

public static partial class PinterestPublishingServiceCollectionExtensions
{
    /// <summary>
    /// The builder <c>AddPinterestPublishing</c> returns. Nested here, in the top layer that hands it out: an internal
    /// type in this namespace would sit outside any <c>Internal</c> namespace, and one in a lower room would reference
    /// this layer's <see cref="IPinterestPublishingBuilder"/> from below.
    /// </summary>
    private sealed class PinterestPublishingBuilder(IServiceCollection services) : IPinterestPublishingBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
