using System.Net;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>
/// The faults of the hostile chaos run: about a fifth of the creates fail in every way Pinterest or the network can
/// fail, and error answers that echo the request's secrets hit the board listing that reconciliation reads, media
/// registration, status polls, the upload host and the token endpoint.
/// </summary>
internal static class HostileChaosFaults
{
    public const string Create = "POST /v5/pins";

    public const string MediaStatus = "GET /v5/media/{media_id}";

    /// <summary>
    /// Registrations are tried in order, each with its own seeded draw. Status polls only meet transient faults: their
    /// number depends on the fake clock, so a fault that changed an outcome there would make a seed's outcomes vary.
    /// </summary>
    public static (string Route, string Name, EmulatorFaultRegistration Registration)[] Inject(PinterestEmulator emulator, int seed)
    {
        const string BoardPins = "GET /v5/boards/{board_id}/pins";
        const string RegisterMedia = "POST /v5/media";
        const string Upload = "POST /emulator-upload/{media_id}";
        const string Token = "POST /v5/oauth/token";
        (string Route, string Name, EmulatorFault Fault, double Probability)[] mix =
        [
            (Create, "reset before the request was processed", EmulatorFault.ConnectionReset(), 0.02),
            (Create, "reset after the Pin was stored", EmulatorFault.ConnectionReset(afterProcessing: true), 0.015),
            (Create, "refused connection", EmulatorFault.ConnectionRefused(), 0.015),
            (Create, "500 after the Pin was stored", EmulatorFault.Status(HttpStatusCode.InternalServerError, afterProcessing: true), 0.015),
            (Create, "429 with Retry-After", EmulatorFault.Status(HttpStatusCode.TooManyRequests, 8, "Too many requests.", retryAfter: TimeSpan.FromSeconds(2)), 0.015),
            (Create, "spam 429", EmulatorFault.SpamBlock(TimeSpan.FromSeconds(30)), 0.015),
            (Create, "timeout after the Pin was stored", EmulatorFault.Timeout(afterProcessing: true), 0.015),
            (Create, "answer 20 s late", EmulatorFault.DelayBy(TimeSpan.FromSeconds(20)), 0.015),
            (Create, "400 invalid parameters", EmulatorFault.Status(HttpStatusCode.BadRequest, 1, "Invalid parameters."), 0.015),
            (Create, "echo 500 after the Pin was stored", EmulatorFault.EchoRequest(HttpStatusCode.InternalServerError, afterProcessing: true), 0.025),
            (Create, "plain-text echo 503 before processing", EmulatorFault.EchoRequest(HttpStatusCode.ServiceUnavailable, plainText: true), 0.02),
            (Create, "echo 400", EmulatorFault.EchoRequest(HttpStatusCode.BadRequest), 0.015),
            (BoardPins, "echo 500 on the board's Pins", EmulatorFault.EchoRequest(HttpStatusCode.InternalServerError), 0.2),
            (BoardPins, "plain-text echo 502 on the board's Pins", EmulatorFault.EchoRequest(HttpStatusCode.BadGateway, plainText: true), 0.15),
            (RegisterMedia, "echo 400 on media registration", EmulatorFault.EchoRequest(HttpStatusCode.BadRequest), 0.03),
            (RegisterMedia, "plain-text echo 503 on media registration", EmulatorFault.EchoRequest(HttpStatusCode.ServiceUnavailable, plainText: true), 0.04),
            (MediaStatus, "echo 500 on media status", EmulatorFault.EchoRequest(HttpStatusCode.InternalServerError), 0.05),
            (MediaStatus, "plain-text echo 503 on media status", EmulatorFault.EchoRequest(HttpStatusCode.ServiceUnavailable, plainText: true), 0.03),
            (Upload, "plain-text echo 403 on the upload", EmulatorFault.EchoRequest(HttpStatusCode.Forbidden, plainText: true), 0.04),
            (Upload, "echo 500 on the upload", EmulatorFault.EchoRequest(HttpStatusCode.InternalServerError), 0.03),
            (Token, "echo 500 on the token endpoint", EmulatorFault.EchoRequest(HttpStatusCode.InternalServerError), 0.15),
            (Token, "plain-text echo 503 on the token endpoint", EmulatorFault.EchoRequest(HttpStatusCode.ServiceUnavailable, plainText: true), 0.15),
        ];
        return mix.Select((m, index) => (m.Route, m.Name, emulator.InjectFault(m.Route, m.Fault, m.Probability, seed + index))).ToArray();
    }
}
