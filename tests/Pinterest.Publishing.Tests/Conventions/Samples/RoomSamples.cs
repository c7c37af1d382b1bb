using System.CodeDom.Compiler;

// Deliberate violations of the house rules, for the tests of the convention checkers (ConventionRuleTests). Nothing
// uses these types; the real-assembly convention tests never see them (they read the library and the emulator only).
#pragma warning disable CA1812, CA1823, CA1052, CA1822, CS0649, IDE0051

namespace Pinterest.Publishing.Tests.Conventions.Samples.Rooms.Internal
{
    /// <summary>Rule a: a public type in an Internal namespace.</summary>
    public sealed class PublicInInternal;

    internal sealed class InternalInInternal;
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Rooms
{
    /// <summary>Rule a: an internal type outside an Internal namespace.</summary>
    internal sealed class InternalOutside;

    public sealed class PublicOutside
    {
        // Nested types go with their parent.
        internal sealed class NestedHelper;
    }

    // A source generator's type is not judged.
    [GeneratedCode("sample-generator", "1.0")]
    internal sealed class GeneratedOutside;
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Extension
{
    /// <summary>Rule b: a public class neither sealed nor static.</summary>
    public class OpenClass;

    /// <summary>Meant for extension: allowlisted by the test.</summary>
    public abstract class AllowlistedBase;

    public sealed class SealedClass;

    public static class StaticHelpers;

    public interface ISampleContract;

    internal class InternalOpenClass;
}
