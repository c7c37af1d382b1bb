using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>Which types of an assembly the reflection-based conventions look at.</summary>
internal static class ConventionTypes
{
    /// <summary>
    /// Types written by hand: not emitted by the compiler (closures, state machines, <c>&lt;PrivateImplementationDetails&gt;</c>,
    /// embedded attributes) nor by a source generator (<see cref="GeneratedCodeAttribute"/>: the options validator emits
    /// some in <c>Pinterest.Publishing</c> and <c>__OptionValidation*</c>).
    /// </summary>
    public static IEnumerable<Type> Handwritten(Assembly assembly) => assembly.GetTypes().Where(IsHandwritten);

    /// <summary>Whether <paramref name="type"/>, and every type it is nested in, was written by hand.</summary>
    public static bool IsHandwritten(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.Name.StartsWith('<') || t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
                || t.IsDefined(typeof(GeneratedCodeAttribute), inherit: false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A type's name for messages: namespace-qualified, nested types with '+', generic arity kept.</summary>
    public static string Describe(Type type) => type.FullName ?? type.Name;

    /// <summary>A method's name for messages: its type and name.</summary>
    public static string Describe(MethodInfo method) => $"{Describe(method.DeclaringType!)}.{method.Name}";
}
