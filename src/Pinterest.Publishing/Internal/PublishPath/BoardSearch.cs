using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Internal.PublishPath;

// TEMPORARY shim to compile the new tests against the old reconciliation.
internal static class BoardSearch
{
    internal static readonly TimeSpan[] SearchAgainAfter = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];
    internal const int MaxPagesScanned = DuplicateSafePinCreator.MaxPagesScanned;
    internal static readonly TimeSpan ReconcileTimeout = DuplicateSafePinCreator.ReconcileTimeout;

    internal static bool Matches(Pin pin, CreatePinRequest body) => DuplicateSafePinCreator.Matches(pin, body);
}
