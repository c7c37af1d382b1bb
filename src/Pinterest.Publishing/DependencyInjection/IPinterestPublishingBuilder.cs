
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddPinterestPublishing</c> to add the host's own pieces: a token store, scheduling.</summary>
public interface IPinterestPublishingBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}
