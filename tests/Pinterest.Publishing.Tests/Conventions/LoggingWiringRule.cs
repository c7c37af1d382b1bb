using Mono.Cecil;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// The logging convention's wiring, read from the IL:
/// <list type="bullet">
/// <item>a logger's category is its room's (<c>PinterestLogCategories</c>), on the dependency-injection and the non-DI
/// path alike: no type takes an <c>ILogger&lt;T&gt;</c> or calls <c>CreateLogger&lt;T&gt;</c>/<c>CreateLogger(Type)</c>,
/// whose category is a type's full name and moves with every namespace change;</item>
/// <item>telemetry is injected one way: dependency injection registers one telemetry instance (over the host's
/// <c>IMeterFactory</c>) and passes it to every constructor that records; without dependency injection only the
/// public entry points (<paramref name="entryPoints"/>) read the shared instance and pass it down.</item>
/// </list>
/// </summary>
internal static class LoggingWiringRule
{
    public const string LibraryTelemetry = "Pinterest.Publishing.Diagnostics.Internal.PinterestTelemetry";

    /// <summary>The public types a host builds without dependency injection: they alone choose the shared telemetry.</summary>
    public static readonly IReadOnlySet<string> LibraryEntryPoints = new HashSet<string>(StringComparer.Ordinal)
    {
        "Pinterest.Publishing.Api.PinterestClient",
        "Pinterest.Publishing.VideoUpload.PinterestVideoUploader",
    };

    public static IReadOnlyList<string> Check(
        ModuleDefinition module, string telemetryType, IReadOnlySet<string> entryPoints, Func<TypeDefinition, bool>? include = null)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var owner = IlReferences.TopLevel(type);
            if (owner.Name == "<Module>" || IlReferences.IsGenerated(owner) || include?.Invoke(owner) == false)
            {
                continue;
            }

            if (UsesTypedLogger(type))
            {
                violations.Add($"{owner.FullName}: takes an ILogger<T> or calls CreateLogger<T> (category from a type name); use ILoggerFactory.CreateLogger(PinterestLogCategories.<Room>)");
            }

            if (!entryPoints.Contains(owner.FullName) && type.Methods.SelectMany(IlReferences.CalledMethods)
                    .Any(m => m.Name == "get_Shared" && m.DeclaringType.FullName == telemetryType))
            {
                violations.Add($"{owner.FullName}: reads {telemetryType}.Shared; take the telemetry as a required constructor argument (only the non-DI entry points choose Shared)");
            }
        }

        return [.. violations];
    }

    private static bool UsesTypedLogger(TypeDefinition type) =>
        type.Fields.Select(f => f.FieldType)
            .Concat(type.Methods.SelectMany(m => m.Parameters.Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Variables.Select(v => v.VariableType)))
            .Any(IsTypedLogger)
        || type.Methods.SelectMany(IlReferences.CalledMethods).Any(m =>
            (m.Name == "CreateLogger" && m.DeclaringType.FullName == "Microsoft.Extensions.Logging.LoggerFactoryExtensions")
            || (m is GenericInstanceMethod g && g.GenericArguments.Any(IsTypedLogger))
            || IsTypedLogger(m.DeclaringType));

    private static bool IsTypedLogger(TypeReference type) =>
        type is GenericInstanceType { ElementType.FullName: "Microsoft.Extensions.Logging.ILogger`1" or "Microsoft.Extensions.Logging.Logger`1" };
}
