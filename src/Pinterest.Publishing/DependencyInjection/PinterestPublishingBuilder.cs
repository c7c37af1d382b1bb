namespace Microsoft.Extensions.DependencyInjection;

internal sealed class PinterestPublishingBuilder(IServiceCollection services) : IPinterestPublishingBuilder
{
    public IServiceCollection Services { get; } = services;
}
