
namespace Pinterest.Publishing.Testing;

// Trouble on demand: injected faults and the per-account rate limit.
public sealed partial class PinterestEmulator
{
    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> requests matching <paramref name="route"/>.</summary>
    /// <param name="route">A method and path pattern such as <c>POST /v5/pins</c> or <c>GET /v5/media/{media_id}</c>: <c>*</c> or
    /// <c>{name}</c> matches one segment, a trailing <c>**</c> any number of segments (<c>/v5/**</c>, or <c>**</c> for every path),
    /// and a method of <c>*</c> (or no method) every method.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many matching requests get the fault.</param>
    /// <returns>A registration; dispose it to remove the fault early.</returns>
    public EmulatorFaultRegistration InjectFault(string route, EmulatorFault fault, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return _faults.Add(route, fault, count, 0, null);
    }

    /// <summary>Applies <paramref name="fault"/> to each request matching <paramref name="route"/> with probability
    /// <paramref name="probability"/>, drawn from a <see cref="Random"/> seeded with <paramref name="seed"/> (chaos tests), until removed.</summary>
    /// <param name="route">A route pattern, as for <see cref="InjectFault(string, EmulatorFault, int)"/>.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="probability">Between 0 and 1.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>A registration; dispose it to remove the fault.</returns>
    public EmulatorFaultRegistration InjectFault(string route, EmulatorFault fault, double probability, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
#pragma warning disable CA5394 // Reproducible chaos needs a seeded, non-cryptographic generator.
        return _faults.Add(route, fault, 0, probability, new Random(seed));
#pragma warning restore CA5394
    }

    /// <summary>Removes every injected fault.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Limits every account to <paramref name="maxRequests"/> API requests of each rate-limit category (<c>org_read</c>,
    /// <c>org_write</c>, <c>org_analytics</c>) per sliding <paramref name="window"/> on the emulator's clock; further requests
    /// answer 429 code 8. The OAuth token endpoint and uploads are not limited. See <see cref="SetRateLimit(EmulatorRateLimit)"/>
    /// for Pinterest's Standard and Trial limits.</summary>
    /// <param name="maxRequests">Requests allowed per window and category.</param>
    /// <param name="window">The window.</param>
    /// <param name="sendRetryAfter">Whether 429 answers carry a <c>Retry-After</c> header (Pinterest does not promise one).</param>
    public void SetRateLimit(int maxRequests, TimeSpan window, bool sendRetryAfter = false) =>
        SetRateLimit(EmulatorRateLimit.PerUser(maxRequests, window) with { SendRetryAfter = sendRetryAfter });

    /// <summary>Enforces <paramref name="limit"/> from now on (counts start at zero), replacing any earlier limit.</summary>
    /// <param name="limit">Pinterest's Standard limits (per user, category and minute), Trial limits (per app and day) or a custom window.</param>
    public void SetRateLimit(EmulatorRateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        _rateLimiter.Set(limit);
    }

    /// <summary>Removes the rate limit.</summary>
    public void ClearRateLimit() => _rateLimiter.Clear();
}
