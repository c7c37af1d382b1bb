using System.Collections;
using System.Reflection;

namespace Pinterest.Publishing.Tests.Security.PropertyBased;

/// <summary>
/// A result from a broken server must still keep its own promises: no null in a member declared non-nullable
/// (a null <c>Pin.Id</c> would surface later as a <see cref="NullReferenceException"/> far from its cause).
/// </summary>
internal static class NullabilityAssert
{
    private static readonly NullabilityInfoContext Context = new();

    public static void Honoured(object? value) => Visit(value, "result", depth: 0);

    private static void Visit(object? value, string path, int depth)
    {
        if (value is null || depth > 6 || value is string || value.GetType().IsPrimitive || value.GetType().Namespace?.StartsWith("Pinterest.Publishing", StringComparison.Ordinal) != true && value is not IEnumerable)
        {
            return;
        }

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                Visit(item, $"{path}[{i++}]", depth + 1);
            }

            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsValueType)
            {
                continue;
            }

            var member = property.GetValue(value);
            if (member is null)
            {
                Assert.True(
                    Context.Create(property).ReadState != NullabilityState.NotNull,
                    $"{path}.{property.Name} is declared non-nullable but is null");
                continue;
            }

            Visit(member, $"{path}.{property.Name}", depth + 1);
        }
    }
}
