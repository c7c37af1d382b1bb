
namespace Pinterest.Publishing.Testing;

/// <summary>An injected fault; dispose it to remove the fault before it is used up.</summary>
public sealed class EmulatorFaultRegistration : IDisposable
{
    private readonly Action<EmulatorFaultRegistration> _remove;
    private readonly Random? _random;
    private readonly double _probability;
    private int _remaining;
    private int _applied;

    internal EmulatorFaultRegistration(string method, string[] pathSegments, EmulatorFault fault, int count, double probability, Random? random, Action<EmulatorFaultRegistration> remove)
    {
        Method = method;
        PathSegments = pathSegments;
        Fault = fault;
        _remaining = count;
        _probability = probability;
        _random = random;
        _remove = remove;
    }

    /// <summary>The injected fault.</summary>
    public EmulatorFault Fault { get; }

    /// <summary>How many requests the fault has been applied to so far.</summary>
    public int AppliedCount => Volatile.Read(ref _applied);

    internal string Method { get; }

    internal string[] PathSegments { get; }

    internal bool IsProbabilistic => _random is not null;

    internal bool Matches(string method, string[] segments)
    {
        if (Method != "*" && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A trailing "**" matches any number of remaining segments, so "/v5/**" is every API route.
        var prefixOnly = PathSegments.Length > 0 && PathSegments[^1] == "**";
        var fixedCount = prefixOnly ? PathSegments.Length - 1 : PathSegments.Length;
        if (prefixOnly ? segments.Length < fixedCount : segments.Length != fixedCount)
        {
            return false;
        }

        for (var i = 0; i < fixedCount; i++)
        {
            var pattern = PathSegments[i];
            var isWildcard = pattern == "*" || (pattern.StartsWith('{') && pattern.EndsWith('}'));
            if (!isWildcard && !string.Equals(pattern, segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    // Called under the emulator's fault lock, so the counter and the shared Random need no further synchronisation.
    internal bool TryConsume()
    {
        if (_random is not null)
        {
            if (_random.NextDouble() >= _probability)
            {
                return false;
            }
        }
        else
        {
            if (_remaining <= 0)
            {
                return false;
            }

            _remaining--;
        }

        Interlocked.Increment(ref _applied);
        return true;
    }

    internal bool IsExhausted => _random is null && _remaining <= 0;

    /// <summary>Removes the fault.</summary>
    public void Dispose() => _remove(this);
}
