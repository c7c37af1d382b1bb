using System.Collections;
using System.Reflection;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>One setting of an options type: its key below the type's section, its type and its default value.</summary>
internal sealed record OptionSetting(string Key, Type Type, object? Default);

/// <summary>
/// The settings an options type offers, found by reflection the way the configuration binder sees them: every public
/// instance property with a public setter, every get-only list (the binder adds to it), and the settings of every nested
/// options object (a get-only property whose type ends in <c>Options</c>), keyed <c>Nested:Setting</c>. Computed
/// properties (<c>EffectiveBaseAddress</c>) are not settings.
/// </summary>
internal static class OptionSettings
{
    public static IReadOnlyList<OptionSetting> Of(Type optionsType) =>
        Walk(optionsType, Activator.CreateInstance(optionsType)!, prefix: string.Empty).ToArray();

    private static IEnumerable<OptionSetting> Walk(Type type, object instance, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = prefix + property.Name;
            var value = property.GetValue(instance);
            if (IsOptionsObject(property.PropertyType))
            {
                foreach (var nested in Walk(property.PropertyType, value!, key + ":"))
                {
                    yield return nested;
                }
            }
            else if (property.SetMethod is { IsPublic: true } || IsBindableList(property.PropertyType))
            {
                yield return new OptionSetting(key, property.PropertyType, value);
            }
        }
    }

    private static bool IsOptionsObject(Type type) =>
        type.IsClass && type != typeof(string) && type.Name.EndsWith("Options", StringComparison.Ordinal);

    private static bool IsBindableList(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>);

    /// <summary>
    /// A default as the README writes it (and as configuration accepts it): a TimeSpan in the constant ("c") format,
    /// numbers invariant, booleans lower-case, enums by name, lists comma-separated; <see langword="null"/> when the
    /// default is not a plain value (no value, a clock, a logger factory) and the README describes it in words.
    /// </summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        TimeSpan span => span.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        Enum member => member.ToString(),
        int or long => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
        string text => text,
        IEnumerable items => string.Join(", ", items.Cast<object>().Select(Format)),
        _ => null,
    };
}
