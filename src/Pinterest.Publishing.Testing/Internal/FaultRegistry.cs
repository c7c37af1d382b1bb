
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The faults injected with <see cref="PinterestEmulator.InjectFault(string, EmulatorFault, int)"/>, in registration
/// order: the first that matches a request and still applies is taken, and a counted fault leaves when used up.
/// Thread-safe.
/// </summary>
internal sealed class FaultRegistry
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorFaultRegistration> _faults = [];

    /// <summary>Registers a fault for a route pattern such as <c>POST /v5/pins</c> (no method: every method).</summary>
    public EmulatorFaultRegistration Add(string route, EmulatorFault fault, int count, double probability, Random? random)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        ArgumentNullException.ThrowIfNull(fault);
        var parts = route.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (method, path) = parts.Length == 2 ? (parts[0], parts[1]) : ("*", parts[0]);
        var segments = EmulatorHttpRequest.SplitPath(path.Split('?')[0]);
        var registration = new EmulatorFaultRegistration(method.ToUpperInvariant(), segments, fault, count, probability, random, Remove);
        lock (_gate)
        {
            _faults.Add(registration);
        }

        return registration;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>The fault to apply to a request, or <see langword="null"/>; applying it counts as one use.</summary>
    public EmulatorFault? Take(string method, string[] segments)
    {
        lock (_gate)
        {
            foreach (var registration in _faults)
            {
                if (registration.Matches(method, segments) && registration.TryConsume())
                {
                    if (registration.IsExhausted)
                    {
                        _faults.Remove(registration);
                    }

                    return registration.Fault;
                }
            }
        }

        return null;
    }

    private void Remove(EmulatorFaultRegistration registration)
    {
        lock (_gate)
        {
            _faults.Remove(registration);
        }
    }
}
