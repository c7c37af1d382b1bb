namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Rule a: internal types live in <c>*.Internal*</c> namespaces and public types never do, so the tree shows the public
/// contract apart from the detail. Only top-level types written by hand are judged: a nested type goes with its parent.
/// </summary>
internal static class InternalNamespaceRule
{
    public static IReadOnlyList<string> Check(IEnumerable<Type> types) =>
    [
        .. types
            .Where(t => !t.IsNested && ConventionTypes.IsHandwritten(t))
            .Select(Judge)
            .OfType<string>()
            .Order(StringComparer.Ordinal),
    ];

    public static bool IsInternalNamespace(string? ns) => ns is not null && ns.Split('.').Contains("Internal", StringComparer.Ordinal);

    private static string? Judge(Type type) => (type.IsPublic, IsInternalNamespace(type.Namespace)) switch
    {
        (true, true) => $"{ConventionTypes.Describe(type)}: public type in an Internal namespace (move it out, or make it internal)",
        (false, false) => $"{ConventionTypes.Describe(type)}: internal type outside an Internal namespace (move it to its room's Internal folder)",
        _ => null,
    };
}
