namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Rule b: a public class is sealed or static unless it is meant for extension, and then it is on an allowlist with
/// its reason. An allowlisted type that is sealed or static again, or gone, is reported so the list stays true.
/// </summary>
internal static class SealedPublicTypeRule
{
    public static IReadOnlyList<string> Check(IEnumerable<Type> types, IReadOnlyDictionary<string, string> meantForExtension)
    {
        var publicClasses = types
            .Where(t => t.IsClass && t.IsVisible && !typeof(Delegate).IsAssignableFrom(t) && ConventionTypes.IsHandwritten(t))
            .ToArray();
        var open = publicClasses.Where(t => !t.IsSealed).Select(ConventionTypes.Describe).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> violations =
        [
            .. open.Where(name => !meantForExtension.ContainsKey(name))
                .Select(name => $"{name}: public class neither sealed nor static (seal it, or allowlist it with the reason it is meant for extension)"),
            .. meantForExtension.Keys.Where(name => !open.Contains(name))
                .Select(name => $"{name}: allowlisted for extension but sealed, static or gone (remove it from the allowlist)"),
        ];
        return [.. violations.Order(StringComparer.Ordinal)];
    }
}
