
namespace Pinterest.Publishing.Testing;

/// <summary>Settings of a <see cref="PinterestEmulator"/>.</summary>
public sealed class PinterestEmulatorOptions
{
    /// <summary>The clock for token expiry, media processing, rate-limit windows, latency and delay faults. Tests pass a <c>FakeTimeProvider</c>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The OAuth client id the token endpoint accepts in its HTTP Basic credentials.</summary>
    public string ClientId { get; set; } = "emulator-client-id";

    /// <summary>The OAuth client secret the token endpoint accepts in its HTTP Basic credentials.</summary>
    public string ClientSecret { get; set; } = "emulator-client-secret";

    /// <summary>How long issued access tokens stay valid (Pinterest: 30 days).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long issued refresh tokens stay valid (Pinterest: 60 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>A delay applied to every request before it is processed, awaited on <see cref="TimeProvider"/>. Zero by default.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>How long an uploaded video stays <c>processing</c> before it becomes <c>succeeded</c>, measured on <see cref="TimeProvider"/>.</summary>
    public TimeSpan VideoProcessingTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether every request is kept in <see cref="PinterestEmulator.Requests"/> (with its body). Turn off for long
    /// benchmark runs so memory does not grow with the number of requests. Uploads are always recorded without their bytes.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>The page size of paged lists when the request has no <c>page_size</c> (Pinterest: 25).</summary>
    public int DefaultPageSize { get; set; } = 25;

    /// <summary>
    /// Whether the emulator plays Pinterest's API sandbox (<c>api-sandbox.pinterest.com</c>), which refuses what it does
    /// not serve: the operations its API description marks <c>x-sandbox: disabled</c> (analytics) and video Pins, each
    /// with 403 code 29. Off by default.
    /// </summary>
    public bool Sandbox { get; set; }
}
