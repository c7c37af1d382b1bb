using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// The types a type uses, read from its metadata and IL with Mono.Cecil: base type, interfaces, attributes, fields,
/// properties, events, signatures, locals, caught exceptions and every type, method and field an instruction names
/// (with their generic arguments). Nested and compiler-generated types (closures, async state machines) count for
/// the top-level type they belong to.
/// </summary>
internal static class IlReferences
{
    /// <summary>Reads an assembly's main module; the caller disposes it.</summary>
    public static ModuleDefinition Read(System.Reflection.Assembly assembly) =>
        ModuleDefinition.ReadModule(assembly.Location, new ReaderParameters { ReadSymbols = false, InMemory = true });

    /// <summary>The top-level type <paramref name="type"/> is nested in, or itself.</summary>
    public static TypeDefinition TopLevel(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    /// <summary>Whether the compiler or a source generator made <paramref name="type"/> (or the type it is nested in).</summary>
    public static bool IsGenerated(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.Name.StartsWith('<') || t.CustomAttributes.Any(a => a.AttributeType.FullName
                    is "System.Runtime.CompilerServices.CompilerGeneratedAttribute" or "System.CodeDom.Compiler.GeneratedCodeAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether code outside the assembly can see <paramref name="type"/>.</summary>
    public static bool IsVisible(TypeDefinition type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (!(t.IsPublic || t.IsNestedPublic))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The types of <paramref name="module"/> that <paramref name="type"/> uses (its own included).</summary>
    public static IEnumerable<TypeDefinition> UsedTypes(TypeDefinition type, ModuleDefinition module) =>
        AllReferences(type).SelectMany(Leaves).Where(t => IsIn(t, module)).Select(t => t.Resolve()).OfType<TypeDefinition>().Distinct();

    /// <summary>The methods that <paramref name="method"/>'s body calls or loads.</summary>
    public static IEnumerable<MethodReference> CalledMethods(MethodDefinition method) =>
        method.HasBody ? method.Body.Instructions.Select(i => i.Operand).OfType<MethodReference>() : [];

    private static bool IsIn(TypeReference type, ModuleDefinition module) =>
        type is TypeDefinition definition ? definition.Module == module : type.Scope == module;

    private static List<TypeReference> AllReferences(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        if (type.BaseType is not null)
        {
            found.Add(type.BaseType);
        }

        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        found.AddRange(Constraints(type));
        found.AddRange(Attributes(type));
        foreach (var field in type.Fields)
        {
            found.Add(field.FieldType);
            found.AddRange(Attributes(field));
        }

        foreach (var property in type.Properties)
        {
            found.Add(property.PropertyType);
            found.AddRange(Attributes(property));
        }

        foreach (var @event in type.Events)
        {
            found.Add(@event.EventType);
        }

        foreach (var method in type.Methods)
        {
            found.AddRange(Signature(method));
            found.AddRange(Attributes(method));
            found.AddRange(Constraints(method));
            found.AddRange(method.Parameters.SelectMany(Attributes));
            found.AddRange(method.Overrides.SelectMany(Signature));
            if (method.HasBody)
            {
                found.AddRange(Body(method.Body));
            }
        }

        return found;
    }

    private static IEnumerable<TypeReference> Body(MethodBody body)
    {
        foreach (var variable in body.Variables)
        {
            yield return variable.VariableType;
        }

        foreach (var handler in body.ExceptionHandlers.Where(h => h.CatchType is not null))
        {
            yield return handler.CatchType;
        }

        foreach (var instruction in body.Instructions)
        {
            var operands = instruction.Operand switch
            {
                TypeReference t => [t],
                MethodReference m => Signature(m),
                FieldReference f => [f.DeclaringType, f.FieldType],
                _ => [],
            };
            foreach (var operand in operands)
            {
                yield return operand;
            }
        }
    }

    private static IEnumerable<TypeReference> Signature(MethodReference method)
    {
        yield return method.DeclaringType;
        yield return method.ReturnType;
        foreach (var parameter in method.Parameters)
        {
            yield return parameter.ParameterType;
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                yield return argument;
            }
        }
    }

    private static IEnumerable<TypeReference> Constraints(IGenericParameterProvider provider) =>
        provider.GenericParameters.SelectMany(p => p.Constraints).Select(c => c.ConstraintType);

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.CustomAttributes.SelectMany(a => (IEnumerable<TypeReference>)
        [
            a.AttributeType,
            .. a.ConstructorArguments.Concat(a.Properties.Select(p => p.Argument)).Concat(a.Fields.Select(f => f.Argument))
                .Select(arg => arg.Value).OfType<TypeReference>(),
        ]);

    // The named types inside a type expression: List<Foo[]> gives List<> and Foo.
    private static IEnumerable<TypeReference> Leaves(TypeReference? type)
    {
        switch (type)
        {
            case null or GenericParameter or FunctionPointerType:
                yield break;
            case GenericInstanceType generic:
                foreach (var leaf in Leaves(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Leaves)))
                {
                    yield return leaf;
                }

                yield break;
            case TypeSpecification specification:
                foreach (var leaf in Leaves(specification.ElementType))
                {
                    yield return leaf;
                }

                yield break;
            default:
                yield return type;
                yield break;
        }
    }
}
