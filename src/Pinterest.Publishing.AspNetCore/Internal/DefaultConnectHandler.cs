using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>
/// The hook when the host registers none: a redirect to the return URL on success; on failure a short plain-text page
/// naming the operation and the reason (400; 401 without an account id; 502 when Pinterest or the store failed; 500 when
/// the host's account id resolver threw), never a stack trace or a secret.
/// </summary>
internal sealed class DefaultConnectHandler : IPinterestConnectHandler
{
    public ValueTask<IResult> OnConnectedAsync(PinterestConnectedContext context) =>
        ValueTask.FromResult(Results.Redirect(context.ReturnUrl));

    public ValueTask<IResult> OnFailedAsync(PinterestConnectFailedContext context)
    {
        var status = context.Reason switch
        {
            PinterestConnectFailureReason.AccountIdUnavailable => StatusCodes.Status401Unauthorized,
            PinterestConnectFailureReason.AccountIdResolverFailed => StatusCodes.Status500InternalServerError,
            PinterestConnectFailureReason.CodeExchangeFailed or PinterestConnectFailureReason.AccountFetchFailed
                or PinterestConnectFailureReason.StoreFailed or PinterestConnectFailureReason.AppCredentialsRejected => StatusCodes.Status502BadGateway,
            _ => StatusCodes.Status400BadRequest,
        };
        var operation = context.Operation == PinterestConnectOperation.Disconnect ? "Disconnecting" : "Connecting";
        return ValueTask.FromResult(Results.Text($"{operation} the Pinterest account failed ({context.Reason}).", "text/plain; charset=utf-8", statusCode: status));
    }
}
