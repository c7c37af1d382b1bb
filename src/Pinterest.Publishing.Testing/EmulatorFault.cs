using System.Net;

namespace Pinterest.Publishing.Testing;

/// <summary>A failure the emulator injects into matching requests (see <see cref="PinterestEmulator.InjectFault(string, EmulatorFault, int)"/>).</summary>
public sealed record EmulatorFault
{
    private EmulatorFault(EmulatorFaultKind kind) => Kind = kind;

    /// <summary>What the fault does.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>The status answered by <see cref="EmulatorFaultKind.Status"/>, <see cref="EmulatorFaultKind.SpamBlock"/> and <see cref="EmulatorFaultKind.EchoRequest"/> faults.</summary>
    public HttpStatusCode StatusCode { get; init; }

    /// <summary>The Pinterest error <c>code</c> in the body; <see langword="null"/> sends an empty body (a plain-text one for
    /// <see cref="EmulatorFaultKind.EchoRequest"/>).</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The error <c>message</c> in the body.</summary>
    public string? Message { get; init; }

    /// <summary>The error <c>message_detail</c> in the body, when set.</summary>
    public string? MessageDetail { get; init; }

    /// <summary>Extra response headers, e.g. <c>Retry-After</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>When <see langword="true"/>, the request is processed (and a Pin stored) first, and only then the fault
    /// replaces the response: a 5xx or a reset after the server acted, the ambiguous case.</summary>
    public bool AfterProcessing { get; init; }

    /// <summary>How long a <see cref="EmulatorFaultKind.Delay"/> fault waits.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Answers with <paramref name="statusCode"/> and, when <paramref name="errorCode"/> is given, a Pinterest error body.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">The Pinterest error code, or <see langword="null"/> for an empty body.</param>
    /// <param name="message">The error message.</param>
    /// <param name="afterProcessing">Process and store the request before answering with the fault.</param>
    /// <param name="retryAfter">When given, a <c>Retry-After</c> header in whole seconds.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Status(HttpStatusCode statusCode, int? errorCode = null, string? message = null, bool afterProcessing = false, TimeSpan? retryAfter = null) => new(EmulatorFaultKind.Status)
    {
        StatusCode = statusCode,
        ErrorCode = errorCode,
        Message = message ?? (errorCode is null ? null : "Emulated failure."),
        AfterProcessing = afterProcessing,
        Headers = RetryAfterHeader(retryAfter),
    };

    /// <summary>Waits <paramref name="delay"/> on the emulator's clock before processing the request normally.</summary>
    /// <param name="delay">The delay.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault DelayBy(TimeSpan delay) => new(EmulatorFaultKind.Delay) { Delay = delay };

    /// <summary>Drops the connection, before or after the request was processed.</summary>
    /// <param name="afterProcessing">Process and store the request before dropping the connection.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault ConnectionReset(bool afterProcessing = false) => new(EmulatorFaultKind.ConnectionReset) { AfterProcessing = afterProcessing };

    /// <summary>The client times out waiting for the answer.</summary>
    /// <param name="afterProcessing">Whether the request is processed (a Pin stored) before the timeout.</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault Timeout(bool afterProcessing = false) => new(EmulatorFaultKind.Timeout) { AfterProcessing = afterProcessing };

    /// <summary>Fails as if the connection could not be opened (the request is never processed).</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault ConnectionRefused() => new(EmulatorFaultKind.ConnectionRefused);

    /// <summary>The wording of a spam block seen in the wild (Pinterest does not document it).</summary>
    internal const string SpamBlockWording = "Sorry! You've hit a block (Pins) we have in place to combat spam.";

    /// <summary>Pinterest's rate-limit <c>message</c> (the 429 example of its API description).</summary>
    internal const string RateLimitWording = "This request exceeded a rate limit. This can happen if the client exceeds one of the published rate limits within a short time window.";

    /// <summary>
    /// Answers 429 code 8 for a spam block. Pinterest's own client reads the reason from <c>message_detail</c>, falling
    /// back to <c>message</c>, so by default the spam wording is in <c>message_detail</c> under the generic rate-limit
    /// <c>message</c>; <paramref name="wordingInMessage"/> puts it in <c>message</c> with no detail instead.
    /// </summary>
    /// <param name="retryAfter">When given, a <c>Retry-After</c> header in whole seconds.</param>
    /// <param name="wordingInMessage">Put the spam wording in <c>message</c> (and send no <c>message_detail</c>).</param>
    /// <returns>The fault.</returns>
    public static EmulatorFault SpamBlock(TimeSpan? retryAfter = null, bool wordingInMessage = false) => new(EmulatorFaultKind.SpamBlock)
    {
        StatusCode = HttpStatusCode.TooManyRequests,
        ErrorCode = 8,
        Message = wordingInMessage ? SpamBlockWording : RateLimitWording,
        MessageDetail = wordingInMessage ? null : SpamBlockWording,
        Headers = RetryAfterHeader(retryAfter),
    };

    /// <summary>
    /// Answers <paramref name="statusCode"/> with an error that repeats the request, secrets included, as a misbehaving
    /// API, proxy or WAF does: its text quotes the method, path and query, the <c>Authorization</c> header (and, for
    /// HTTP Basic, the decoded <c>client_id:client_secret</c>) and the start of the body (a JSON draft, the token form
    /// with its <c>refresh_token</c> or <c>code</c>, the presigned fields of an upload). For tests that the client never
    /// repeats a secret a server sent back.
    /// </summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="afterProcessing">Process the request (store the Pin, rotate the refresh token) before answering with the fault.</param>
    /// <param name="plainText">
    /// <see langword="false"/>: a Pinterest error body whose <c>code</c> is the status and whose <c>message</c> (the request as
    /// sent) and <c>message_detail</c> (the bare credential, the query and the form, decoded) echo the request, with the
    /// bare credential as <c>x-pinterest-rid</c>. <see langword="true"/>: both texts as a <c>text/plain</c> body, with the
    /// whole <c>Authorization</c> value as <c>x-pinterest-rid</c>.
    /// </param>
    /// <returns>The fault.</returns>
    public static EmulatorFault EchoRequest(HttpStatusCode statusCode, bool afterProcessing = false, bool plainText = false) => new(EmulatorFaultKind.EchoRequest)
    {
        StatusCode = statusCode,
        ErrorCode = plainText ? null : (int)statusCode,
        AfterProcessing = afterProcessing,
    };

    private static Dictionary<string, string> RetryAfterHeader(TimeSpan? retryAfter)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (retryAfter is { } value)
        {
            headers["Retry-After"] = ((long)Math.Ceiling(value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return headers;
    }
}
