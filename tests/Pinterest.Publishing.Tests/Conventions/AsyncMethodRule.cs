using System.Reflection;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Rule c: every method of a hand-written type (public or internal) that returns <see cref="Task"/>,
/// <see cref="ValueTask"/> or <see cref="IAsyncEnumerable{T}"/> is named <c>…Async</c>, and a method that takes a
/// <see cref="CancellationToken"/> takes it last. Overrides and implementations of members declared in another
/// assembly (<see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>, <c>BackgroundService.ExecuteAsync</c>,
/// <c>IAsyncDisposable.DisposeAsync</c>…) follow their declaration and are not judged.
/// </summary>
internal static class AsyncMethodRule
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<string> Check(IEnumerable<Type> types) =>
    [
        .. types
            .Where(t => ConventionTypes.IsHandwritten(t) && !typeof(Delegate).IsAssignableFrom(t))
            .SelectMany(JudgeType)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    public static bool IsAsync(Type returnType) =>
        returnType == typeof(Task) || returnType == typeof(ValueTask)
        || (returnType.IsGenericType && returnType.GetGenericTypeDefinition() is var d
            && (d == typeof(Task<>) || d == typeof(ValueTask<>) || d == typeof(IAsyncEnumerable<>)));

    private static IEnumerable<string> JudgeType(Type type)
    {
        var foreign = ForeignInterfaceImplementations(type);
        foreach (var method in type.GetMethods(Declared))
        {
            // Accessors, operators and compiler-made methods (lambdas, local functions: "<Outer>g__Local|0_0").
            if (method.IsSpecialName || method.Name.Contains('<', StringComparison.Ordinal) || foreign.Contains(method)
                || OverridesForeign(method))
            {
                continue;
            }

            if (IsAsync(method.ReturnType) && !method.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                yield return $"{ConventionTypes.Describe(method)}: returns {Describe(method.ReturnType)} but is not named …Async";
            }

            var parameters = method.GetParameters();
            var token = Array.FindIndex(parameters, p => p.ParameterType == typeof(CancellationToken));
            if (token >= 0 && token != parameters.Length - 1)
            {
                yield return $"{ConventionTypes.Describe(method)}: takes its CancellationToken '{parameters[token].Name}' before other parameters (take it last)";
            }
        }
    }

    private static bool OverridesForeign(MethodInfo method) =>
        method.GetBaseDefinition() is var root && root != method && root.DeclaringType!.Assembly != method.DeclaringType!.Assembly;

    private static HashSet<MethodInfo> ForeignInterfaceImplementations(Type type)
    {
        var set = new HashSet<MethodInfo>();
        if (type.IsInterface)
        {
            return set;
        }

        foreach (var contract in type.GetInterfaces().Where(i => i.Assembly != type.Assembly))
        {
            foreach (var target in type.GetInterfaceMap(contract).TargetMethods)
            {
                set.Add(target);
            }
        }

        return set;
    }

    private static string Describe(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<…>" : type.Name;
}
