using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Rule d, the logging convention: every <see cref="LoggerMessageAttribute"/> event has an <c>EventName</c>; event ids
/// and names are unique across the library; each id lies in its room's range; and a room's events are all declared in
/// its one log class (<c>ApiLog</c>, <c>AuthenticationLog</c>…). Read by reflection from the attributes themselves.
/// </summary>
internal static class LogEventRule
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>One <c>[LoggerMessage]</c> method and its attribute.</summary>
    public sealed record LogEvent(MethodInfo Method, LoggerMessageAttribute Attribute)
    {
        public string Name => ConventionTypes.Describe(Method);
    }

    public static IReadOnlyList<LogEvent> Find(IEnumerable<Type> types) =>
    [
        .. types
            .SelectMany(t => t.GetMethods(Declared))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .Select(e => new LogEvent(e.Method, e.Attribute!)),
    ];

    public static IReadOnlyList<string> Check(IEnumerable<Type> types, HouseMap house)
    {
        var events = Find(types);
        var violations = new List<string>();
        foreach (var e in events)
        {
            var id = e.Attribute.EventId;
            if (string.IsNullOrWhiteSpace(e.Attribute.EventName))
            {
                violations.Add($"{e.Name} ({id}): no EventName");
            }

            var room = house.Find(e.Method.DeclaringType!.Namespace);
            if (room is null)
            {
                violations.Add($"{e.Name} ({id}): namespace {e.Method.DeclaringType.Namespace} is in no room of the house");
                continue;
            }

            if (room.FirstEventId is not { } first || id < first || id > room.LastEventId)
            {
                violations.Add($"{e.Name} ({id}): outside the {room.Name} range ({room.EventRange})");
            }

            if (room.LogClass is { } logClass && e.Method.DeclaringType.FullName != logClass)
            {
                violations.Add($"{e.Name} ({id}): declared outside {room.Name}'s log class {logClass}");
            }
        }

        violations.AddRange(CategoryViolations(types, house));
        violations.AddRange(events
            .GroupBy(e => e.Attribute.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"event id {g.Key} used by {string.Join(", ", g.Select(e => e.Name).Order(StringComparer.Ordinal))}"));
        violations.AddRange(events
            .Where(e => !string.IsNullOrWhiteSpace(e.Attribute.EventName))
            .GroupBy(e => e.Attribute.EventName, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"event name {g.Key} used by {string.Join(", ", g.Select(e => e.Name).Order(StringComparer.Ordinal))}"));
        return [.. violations.Order(StringComparer.Ordinal)];
    }

    // Every log class there is names its room's logger category in a CategoryName constant, which the room's loggers
    // are created with.
    private static IEnumerable<string> CategoryViolations(IEnumerable<Type> types, HouseMap house)
    {
        var byName = types.Where(t => t.FullName is not null).ToDictionary(t => t.FullName!, StringComparer.Ordinal);
        foreach (var room in house.Rooms.Where(r => r.LogClass is not null && r.Category is not null).DistinctBy(r => r.LogClass))
        {
            if (!byName.TryGetValue(room.LogClass!, out var logClass))
            {
                continue;
            }

            var field = logClass.GetField("CategoryName", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            if (field is not { IsLiteral: true } || field.GetRawConstantValue() is not string category)
            {
                yield return $"{room.LogClass}: no CategoryName constant (\"{room.Category}\")";
            }
            else if (category != room.Category)
            {
                yield return $"{room.LogClass}.CategoryName is \"{category}\", not \"{room.Category}\"";
            }
        }
    }
}
