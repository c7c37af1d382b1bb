using Microsoft.AspNetCore.Http;

namespace Pinterest.Publishing.AspNetCore;

/// <summary>
/// A failed connect attempt or disconnect (<see cref="Operation"/> says which), handed to
/// <see cref="IPinterestConnectHandler.OnFailedAsync"/>.
/// </summary>
public sealed class PinterestConnectFailedContext
{
    internal PinterestConnectFailedContext(HttpContext httpContext, PinterestConnectOperation operation, PinterestConnectFailureReason reason, string message)
    {
        HttpContext = httpContext;
        Operation = operation;
        Reason = reason;
        Message = message;
    }

    /// <summary>The request that failed (the connect, the callback or the disconnect).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Which endpoint failed: connecting (the connect or the callback) or disconnecting.</summary>
    public PinterestConnectOperation Operation { get; }

    /// <summary>Why it failed.</summary>
    public PinterestConnectFailureReason Reason { get; }

    /// <summary>What happened and what to do, fit to log: it never holds a token, code, client secret or state.</summary>
    public string Message { get; }

    /// <summary>The host's id of the account, when the request got far enough to know it (a genuine state, or the resolved id at disconnect).</summary>
    public string? AccountId { get; init; }

    /// <summary>The local URL to come back to, when known (a genuine state); else <see langword="null"/>.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The scopes asked for but not granted (<see cref="PinterestConnectFailureReason.MissingScopes"/>); else empty.</summary>
    public IReadOnlyList<string> MissingScopes { get; init; } = [];

    /// <summary>Pinterest's <c>error</c> value (<see cref="PinterestConnectFailureReason.AccessDenied"/>, <see cref="PinterestConnectFailureReason.ProviderError"/>), when it was a plain code; else <see langword="null"/>.</summary>
    public string? ProviderError { get; init; }

    /// <summary>
    /// The exception behind the failure (a failed call, store or lock, or the exception of
    /// <see cref="PinterestConnectOptions.AccountIdResolver"/>), if any. The library's own exceptions name no secret; the
    /// resolver's is the host's own and is not logged by the library.
    /// </summary>
    public Exception? Exception { get; init; }
}
