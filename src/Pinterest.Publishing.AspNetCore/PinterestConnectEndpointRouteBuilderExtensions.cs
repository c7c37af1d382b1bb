using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.AspNetCore.Internal;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>Maps the endpoints that connect and disconnect Pinterest accounts.</summary>
public static class PinterestConnectEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {prefix}/connect</c> (redirects to Pinterest's authorize page; <c>?returnUrl=/local/path</c> to come
    /// back to), <c>GET {prefix}{CallbackPath}</c> (Pinterest's redirect back: stores the token and calls
    /// <see cref="IPinterestConnectHandler"/>) and <c>POST {prefix}/disconnect</c> (revokes and removes the signed-in
    /// user's token; <c>?returnUrl=</c> redirects after). Needs
    /// <see cref="PinterestAspNetCorePublishingBuilderExtensions.AddPinterestConnect"/>.
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="prefix">The path the endpoints share, e.g. <c>/pinterest</c>.</param>
    /// <returns>The group's builder, e.g. to call <c>RequireAuthorization()</c>.</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>AddPinterestConnect</c> was not called, or <see cref="PinterestConnectOptions.RedirectUri"/> points elsewhere
    /// than the callback endpoint.
    /// </exception>
    public static IEndpointConventionBuilder MapPinterestConnect(this IEndpointRouteBuilder endpoints, string prefix = "/pinterest")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var services = endpoints.ServiceProvider;
        if (services.GetService<ConnectFlow>() is null)
        {
            throw new InvalidOperationException("MapPinterestConnect needs the connect services: call services.AddPinterestPublishing(...).AddPinterestConnect(...) first.");
        }

        var paths = new ConnectPaths(prefix, services.GetRequiredService<IOptions<PinterestConnectOptions>>().Value);
        var group = endpoints.MapGroup(paths.Prefix);
        group.MapGet("/connect", context => context.RequestServices.GetRequiredService<ConnectFlow>().ConnectAsync(context, paths));
        group.MapGet(paths.Callback[paths.Prefix.Length..], context => context.RequestServices.GetRequiredService<CallbackFlow>().CallbackAsync(context, paths));
        group.MapPost("/disconnect", context => context.RequestServices.GetRequiredService<DisconnectFlow>().DisconnectAsync(context));
        return group;
    }
}
