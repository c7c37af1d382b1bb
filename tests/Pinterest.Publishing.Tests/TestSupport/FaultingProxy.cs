using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Wraps a service interface and throws from the calls a rule picks, passing every other call on: a store that fails
/// at one chosen moment (a database blip once the Pin exists). A proxy rather than a hand-written decorator, so it
/// keeps working when the interface gains members.
/// </summary>
/// <typeparam name="T">The interface.</typeparam>
#pragma warning disable CA1852 // DispatchProxy derives from it at run time.
internal class FaultingProxy<T> : DispatchProxy
#pragma warning restore CA1852
    where T : class
{
    private T _inner = null!;
    private Func<MethodInfo, object?[], Exception?> _rule = null!;

    /// <summary>
    /// <paramref name="inner"/>, except that a call for which <paramref name="rule"/> returns an exception throws it
    /// (before reaching <paramref name="inner"/>).
    /// </summary>
    public static T Wrap(T inner, Func<MethodInfo, object?[], Exception?> rule)
    {
        var proxy = Create<T, FaultingProxy<T>>();
        var faulting = (FaultingProxy<T>)(object)proxy;
        faulting._inner = inner;
        faulting._rule = rule;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        if (_rule(targetMethod, args) is { } failure)
        {
            throw failure;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
