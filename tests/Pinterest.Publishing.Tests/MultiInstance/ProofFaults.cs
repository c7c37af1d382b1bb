using System.Net;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>
/// The faults of the proof, each drawn from its own seeded <see cref="Random"/>: 5xx after the Pin was stored, timeouts
/// after it was stored, resets before, rate limits and spam blocks on creates, and outages of the media and token
/// endpoints. The token endpoint fails only before processing: a refresh Pinterest processed but whose answer was lost
/// has spent the refresh token, which no client can recover from (the user must reconnect), so it is not a fault the
/// library could survive.
/// </summary>
internal static class ProofFaults
{
    public static IReadOnlyList<(string Name, EmulatorFaultRegistration Registration)> Inject(PinterestEmulator emulator, int seed) =>
    [
        ("create 500 after store", emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.InternalServerError, 1, afterProcessing: true), 0.04, seed + 1)),
        ("create timeout after store", emulator.InjectFault("POST /v5/pins", EmulatorFault.Timeout(afterProcessing: true), 0.03, seed + 2)),
        ("create reset before", emulator.InjectFault("POST /v5/pins", EmulatorFault.ConnectionReset(), 0.03, seed + 3)),
        ("create 429", emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.TooManyRequests, 8, retryAfter: TimeSpan.FromSeconds(1)), 0.04, seed + 4)),
        ("create spam block", emulator.InjectFault("POST /v5/pins", EmulatorFault.SpamBlock(TimeSpan.FromSeconds(1)), 0.02, seed + 5)),
        ("create 503 before", emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, 1), 0.03, seed + 6)),
        ("media 500", emulator.InjectFault("/v5/media/**", EmulatorFault.Status(HttpStatusCode.InternalServerError, 1), 0.05, seed + 7)),
        ("token 500 before", emulator.InjectFault("POST /v5/oauth/token", EmulatorFault.Status(HttpStatusCode.InternalServerError, 1), 0.10, seed + 8)),
    ];
}
