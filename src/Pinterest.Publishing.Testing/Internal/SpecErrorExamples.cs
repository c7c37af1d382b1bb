namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The error answers Pinterest's API description gives as examples for the operations the emulator serves
/// (<c>eng/pinterest-openapi/openapi.json</c>, v5.23): there the code is the HTTP status and the message a fixed
/// sentence. Where an operation has such an example the emulator answers with it, and puts its own explanation of what
/// was wrong in <c>message_detail</c>. Operations without an example keep the codes older tags and real traces show
/// (board not found on create 40, section 2031, validation 1). <c>EmulatorOpenApiConformanceTests</c> compares these
/// answers with the spec's examples.
/// </summary>
internal static class SpecErrorExamples
{
    /// <summary><c>GET /user_account/analytics</c> 400.</summary>
    public const string UserAccountAnalyticsInvalid = "Invalid user accounts analytics parameters.";

    /// <summary><c>GET /pins/{pin_id}/analytics</c> 400.</summary>
    public const string PinAnalyticsInvalid = "Invalid pins analytics parameters.";

    /// <summary><c>POST /boards/{board_id}/sections</c> 400.</summary>
    public const string BoardSectionInvalid = "Invalid board section parameters.";

    /// <summary><c>GET /boards/{board_id}/pins</c> 404.</summary>
    public const string BoardNotFound = "Board not found.";

    /// <summary><c>GET /pins/{pin_id}/analytics</c> 404.</summary>
    public const string PinNotFound = "Pin not found.";

    /// <summary>The code of the spec's examples: the HTTP status.</summary>
    public const int NotFoundCode = 404;

    /// <summary>
    /// Runs <paramref name="handle"/>, answering a 400 it raises (a shared reader's, such as the analytics date window)
    /// with the operation's example <paramref name="message"/>, the reader's explanation kept as the detail.
    /// </summary>
    public static T Rephrase<T>(string message, Func<T> handle)
    {
        try
        {
            return handle();
        }
        catch (PinterestApiError error) when (error.StatusCode == 400)
        {
            throw new PinterestApiError(400, 400, message) { MessageDetail = error.Message };
        }
    }
}
