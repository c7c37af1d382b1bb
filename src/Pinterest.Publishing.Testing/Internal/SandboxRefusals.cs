using Pinterest.Publishing.Api.Internal;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// What Pinterest's API sandbox refuses, when the emulator plays it (<see cref="PinterestEmulatorOptions.Sandbox"/>):
/// the operations Pinterest's API description marks <c>x-sandbox: disabled</c> (read from the one catalog,
/// <see cref="PinterestEndpoints"/>, which a contract test checks against <c>openapi.json</c>), and video Pins
/// ("You cannot do the following in Sandbox: Create video Pins", developers.pinterest.com/docs/developer-tools/sandbox/).
/// </summary>
/// <remarks>
/// No public source shows the sandbox's answer. The emulator assumes Pinterest's generic permission error, 403 code 29
/// "You are not permitted to access that resource." (the 403 example of 20 operations of the spec), with the reason in
/// <c>message_detail</c>; worded so that it is not read as a Trial-access refusal.
/// </remarks>
internal static class SandboxRefusals
{
    /// <summary>Pinterest's generic permission message.</summary>
    public const string NotPermittedMessage = "You are not permitted to access that resource.";

    /// <summary>Throws the sandbox's refusal when <paramref name="method"/> on <paramref name="route"/> is an operation it does not serve.</summary>
    public static void CheckOperation(string method, ReadOnlySpan<string> route)
    {
        if (RouteScopes.EndpointOf(method, route) is { InSandbox: false } endpoint)
        {
            throw Refusal($"The API Sandbox does not support {endpoint.OperationId}.");
        }
    }

    /// <summary>The sandbox's refusal of a video Pin.</summary>
    public static PinterestApiError VideoPin() => Refusal("The API Sandbox does not support video Pins.");

    private static PinterestApiError Refusal(string detail) => new(403, 29, NotPermittedMessage) { MessageDetail = detail };
}
