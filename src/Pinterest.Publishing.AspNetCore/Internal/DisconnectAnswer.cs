using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>The default answer to a disconnect: 303 (the browser follows with a GET) to the return URL, or 204 without one.</summary>
internal sealed class DisconnectAnswer(string? returnUrl) : IResult
{
    public static IResult For(PinterestDisconnectedContext context) => new DisconnectAnswer(context.ReturnUrl);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (returnUrl is null)
        {
            httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = returnUrl;
        return Task.CompletedTask;
    }
}
