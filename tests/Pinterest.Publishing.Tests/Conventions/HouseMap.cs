namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// One room of the house: a namespace (and the namespaces under it), the layer it belongs to (a layer may use its own
/// and lower layers only), and, when the room logs, its log event id range and the one class that declares its events.
/// </summary>
/// <param name="Name">The room's name in violation messages.</param>
/// <param name="Namespace">The room's namespace; namespaces under it belong to it unless a longer room claims them.</param>
/// <param name="Layer">The layer: 0 is the bottom.</param>
/// <param name="FirstEventId">The first log event id of the room's range, or <see langword="null"/> when it must not log.</param>
/// <param name="LastEventId">The last log event id of the room's range.</param>
/// <param name="LogClass">The full name of the class that declares every log event of the room.</param>
/// <param name="Category">The logger category of the room's events: its log class's <c>CategoryName</c>.</param>
/// <param name="OnlyItself">The room is its namespace alone, not the namespaces under it (the root contracts).</param>
internal sealed record HouseRoom(
    string Name,
    string Namespace,
    int Layer,
    int? FirstEventId = null,
    int? LastEventId = null,
    string? LogClass = null,
    string? Category = null,
    bool OnlyItself = false)
{
    public bool Contains(string? ns) =>
        ns == Namespace || (!OnlyItself && ns is not null && ns.StartsWith(Namespace + ".", StringComparison.Ordinal));

    public string EventRange => FirstEventId is { } first ? $"{first}–{LastEventId}" : "none";
}

/// <summary>Finds the room of a namespace: the room with the longest namespace that contains it.</summary>
internal sealed class HouseMap(IEnumerable<HouseRoom> rooms)
{
    private readonly HouseRoom[] _rooms = rooms.OrderByDescending(r => r.Namespace.Length).ToArray();

    /// <summary>
    /// The house of Pinterest.Publishing, as CONTRIBUTING.md draws it (bottom → top). The root namespace holds only the
    /// public contracts: its sub-namespaces are rooms of their own, so a namespace no room claims is reported.
    /// </summary>
    public static HouseMap Library { get; } = new(
    [
        new("Contracts", "Pinterest.Publishing", 0, OnlyItself: true),
        new("Diagnostics", "Pinterest.Publishing.Diagnostics", 0),
        new("Failures", "Pinterest.Publishing.Internal.Failures", 0),
        new("SafeHttp", "Pinterest.Publishing.Internal.SafeHttp", 0, 7000, 7999, "Pinterest.Publishing.Internal.SafeHttp.SafeHttpLog", "Pinterest.Publishing.SafeHttp"),
        new("Options", "Pinterest.Publishing.Internal.Options", 0, 8000, 8999, "Pinterest.Publishing.Internal.Options.OptionsLog", "Pinterest.Publishing.Options"),
        new("Coordination", "Pinterest.Publishing.Coordination", 0, 9000, 9999, "Pinterest.Publishing.Coordination.Internal.CoordinationLog", "Pinterest.Publishing.Coordination"),
        new("Events", "Pinterest.Publishing.Events", 0, 10000, 10999, "Pinterest.Publishing.Events.Internal.EventsLog", "Pinterest.Publishing.Events"),
        new("Authentication", "Pinterest.Publishing.Authentication", 1, 2000, 2999, "Pinterest.Publishing.Authentication.Internal.AuthenticationLog", "Pinterest.Publishing.Authentication"),
        new("Api", "Pinterest.Publishing.Api", 2, 1000, 1999, "Pinterest.Publishing.Api.Internal.ApiLog", "Pinterest.Publishing.Api"),
        new("Preflight", "Pinterest.Publishing.Preflight", 3, 3000, 3999, "Pinterest.Publishing.Preflight.Internal.PreflightLog", "Pinterest.Publishing.Preflight"),
        new("VideoUpload", "Pinterest.Publishing.VideoUpload", 4, 5000, 5999, "Pinterest.Publishing.VideoUpload.Internal.VideoUploadLog", "Pinterest.Publishing.VideoUpload"),
        new("PublishPath", "Pinterest.Publishing.Internal.PublishPath", 5, 4000, 4999, "Pinterest.Publishing.Internal.PublishPath.PublishPathLog", "Pinterest.Publishing.PublishPath"),
        new("Scheduling", "Pinterest.Publishing.Scheduling", 6, 6000, 6999, "Pinterest.Publishing.Scheduling.Internal.SchedulingLog", "Pinterest.Publishing.Scheduling"),
        new("Health", "Pinterest.Publishing.Health", 7),
        // The one folder whose namespace is not its path, by .NET convention; it shares the Options range and log class.
        new("DependencyInjection", "Microsoft.Extensions.DependencyInjection", 7, 8000, 8999, "Pinterest.Publishing.Internal.Options.OptionsLog", "Pinterest.Publishing.Options"),
    ]);

    /// <summary>The rooms, longest namespace first.</summary>
    public IReadOnlyList<HouseRoom> Rooms => _rooms;

    /// <summary>The room of <paramref name="ns"/>, or <see langword="null"/> when no room claims it.</summary>
    public HouseRoom? Find(string? ns) => _rooms.FirstOrDefault(r => r.Contains(ns));
}
