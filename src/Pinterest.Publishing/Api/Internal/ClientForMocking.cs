using System.Runtime.CompilerServices;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// What a client made with its protected constructor (a test double) says when a member it did not override is
/// called: it has no transport, so the member cannot do anything but name the fix.
/// </summary>
internal static class ClientForMocking
{
    /// <summary>The exception for <paramref name="member"/> of the test double <paramref name="client"/>.</summary>
    public static InvalidOperationException NotConnected(object client, [CallerMemberName] string member = "") =>
        new($"{client.GetType().Name}.{member} was called on a client made with the protected constructor for mocking, which is not connected to Pinterest: override {member} in the test double, or use a client created with an HttpClient.");
}
