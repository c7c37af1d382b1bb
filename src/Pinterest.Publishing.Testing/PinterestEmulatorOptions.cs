
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
    /// How long a new Pin stays out of <c>GET /v5/boards/{board_id}/pins</c>, measured on <see cref="TimeProvider"/> from
    /// its creation: Pinterest's board listing lags its writes (read-after-write lag). Reading the Pin by id is not
    /// delayed. Zero or more; default 5 seconds (Pinterest documents no figure). <see cref="TimeSpan.Zero"/> lists a Pin
    /// as soon as it is created.
    /// </summary>
    public TimeSpan BoardPinListingDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The share, from 0 to 1, of neighbouring Pins that <c>GET /v5/boards/{board_id}/pins</c> lists older first.
    /// Pinterest documents no order for a board's Pins ("mostly newest first, but not strictly"): the emulator pairs the
    /// newest-first order two by two from the top (first with second, third with fourth...) and swaps a pair when a draw
    /// seeded by <see cref="BoardPinListingSeed"/> and the newer Pin's id falls below this share, so every Pin is listed
    /// at most one place from its newest-first position. Default 0.25; 0 lists strictly newest first; 1 swaps every pair.
    /// </summary>
    public double BoardPinListingDisorder { get; set; } = 0.25;

    /// <summary>The seed of <see cref="BoardPinListingDisorder"/>'s draws: the same seed and Pins give the same order. Default 0.</summary>
    public int BoardPinListingSeed { get; set; }

    /// <summary>
    /// Whether the emulator plays Pinterest's API sandbox (<c>api-sandbox.pinterest.com</c>), which refuses what it does
    /// not serve: the operations its API description marks <c>x-sandbox: disabled</c> (analytics) and video Pins, each
    /// with 403 code 29. Off by default.
    /// </summary>
    public bool Sandbox { get; set; }
}
