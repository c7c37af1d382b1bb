using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Publishing.Internal.PublishPath;

internal sealed class PinterestPublishingBuilder(IServiceCollection services) : IPinterestPublishingBuilder
{
    public IServiceCollection Services { get; } = services;
}
