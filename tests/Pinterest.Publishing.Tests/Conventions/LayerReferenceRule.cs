using Mono.Cecil;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// Rule e, the dependency rule: no layer references a layer above it. An internal type may use types of its own or a
/// lower layer only; a public type may use the public types of any layer (the public contract is one surface), but
/// never an internal type of a higher layer. References are read from the IL, method bodies included.
/// </summary>
internal static class LayerReferenceRule
{
    public static IReadOnlyList<string> Check(ModuleDefinition module, HouseMap house, Func<TypeDefinition, bool>? include = null)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var owner = IlReferences.TopLevel(type);
            if (owner.Name == "<Module>" || IlReferences.IsGenerated(owner) || include?.Invoke(owner) == false)
            {
                continue;
            }

            var room = house.Find(owner.Namespace);
            if (room is null)
            {
                violations.Add($"{owner.FullName}: namespace {owner.Namespace} is in no room of the house (add it to HouseMap and CONTRIBUTING.md)");
                continue;
            }

            var ownerPublic = IlReferences.IsVisible(owner);
            foreach (var used in IlReferences.UsedTypes(type, module))
            {
                var target = IlReferences.TopLevel(used);
                var targetRoom = house.Find(target.Namespace);
                if (target == owner || IlReferences.IsGenerated(target) || targetRoom is null || targetRoom.Layer <= room.Layer)
                {
                    continue;
                }

                var targetPublic = IlReferences.IsVisible(used);
                if (!(ownerPublic && targetPublic))
                {
                    violations.Add($"{owner.FullName} ({Describe(room, ownerPublic)}) uses {used.FullName.Replace('/', '+')} ({Describe(targetRoom, targetPublic)}), a higher layer");
                }
            }
        }

        return [.. violations];
    }

    private static string Describe(HouseRoom room, bool visible) => $"{(visible ? "public" : "internal")}, {room.Name} layer {room.Layer}";
}
