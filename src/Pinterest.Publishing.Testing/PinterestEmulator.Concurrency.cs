using Pinterest.Publishing.Testing.Internal;

namespace Pinterest.Publishing.Testing;

// The per-account concurrency record: how many writes of one account were in flight at once, whichever process or
// client sent them, so a test can check a per-account limit enforced across several app instances.
public sealed partial class PinterestEmulator
{
    private readonly AccountConcurrencyRecorder _concurrency = new();

    /// <summary>
    /// The most Pin creates (<c>POST /v5/pins</c>) of each account that were in flight at once, counted from a request's
    /// arrival to its answer (latency, faults and processing included), keyed by account id. An account that never
    /// created a Pin is absent. A snapshot: later requests do not change it.
    /// </summary>
    public IReadOnlyDictionary<string, int> MaxConcurrentPinCreatesPerAccount => _concurrency.MaxPinCreates;

    /// <summary>
    /// The most API writes (POST, PATCH, PUT and DELETE under <c>/v5/</c>, the OAuth token endpoints aside: Pin creates,
    /// media registrations, board and Pin edits) of each account that were in flight at once, counted like
    /// <see cref="MaxConcurrentPinCreatesPerAccount"/>, keyed by account id. An account that never wrote is absent.
    /// </summary>
    public IReadOnlyDictionary<string, int> MaxConcurrentWritesPerAccount => _concurrency.MaxWrites;

    // The account is the one the bearer token names on arrival; a request without a valid token writes nothing.
    private AccountConcurrencyRecorder.InFlight EnterWrite(EmulatorHttpRequest request)
    {
        var method = request.Method.ToUpperInvariant();
        var segments = EmulatorHttpRequest.SplitPath(request.Uri.AbsolutePath);
        if (!AccountConcurrencyRecorder.IsWrite(method, segments) || _oauth.FindAccount(request.GetBearerToken()) is not { } accountId)
        {
            return default;
        }

        return _concurrency.Enter(accountId, AccountConcurrencyRecorder.IsPinCreate(method, segments));
    }
}
