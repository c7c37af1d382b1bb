using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Tests.Conventions.Samples.Layers.High;
using Pinterest.Publishing.Tests.Conventions.Samples.Layers.High.Internal;

// Rule e: a two-layer sample house, Low (layer 0) under High (layer 1). Read from this assembly's IL by the checker.
#pragma warning disable CA1812, CA1051, CA1822, CS0649

namespace Pinterest.Publishing.Tests.Conventions.Samples.Layers.Low.Internal
{
    /// <summary>Uses a higher internal type in a method body only: only the IL shows it.</summary>
    internal static class LowHelper
    {
        public static int CallsUp() => new HighDetail().Value;
    }

    /// <summary>Uses a higher type inside an async method: the reference sits in the compiler's state machine.</summary>
    internal static class LowAwaiter
    {
        public static async Task<int> AwaitsUpAsync()
        {
            await Task.Yield();
            return new HighDetail().Value;
        }
    }

    /// <summary>An internal type may not use a higher public type either.</summary>
    internal static class LowUsesHighContract
    {
        public static object Make() => new HighContract();
    }

    /// <summary>Uses only its own layer.</summary>
    internal static class LowClean
    {
        public static int Twice(int value) => value * 2;
    }
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Layers.Low
{
    /// <summary>A public type may reference a public type of a higher layer: the public contract is one surface.</summary>
    public sealed class LowContract
    {
        public HighContract? Next { get; set; }
    }

    /// <summary>…but never an internal type of a higher layer.</summary>
    public sealed class LowLeak
    {
        internal HighDetail? Detail;
    }
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Layers.High
{
    public sealed class HighContract;
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Layers.High.Internal
{
    /// <summary>A higher layer may use a lower one.</summary>
    internal sealed class HighDetail
    {
        public int Value => Low.Internal.LowClean.Twice(1);
    }
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Wiring
{
    /// <summary>Stands for PinterestTelemetry: a shared instance for code built without dependency injection.</summary>
    internal sealed class SampleTelemetry
    {
        public static SampleTelemetry Shared { get; } = new();
    }

    /// <summary>A non-DI entry point: the one place that may choose the shared instance.</summary>
    public sealed class SampleEntryPoint
    {
        public SampleEntryPoint()
            : this(SampleTelemetry.Shared)
        {
        }

        internal SampleEntryPoint(SampleTelemetry telemetry) => Telemetry = telemetry;

        internal SampleTelemetry Telemetry { get; }
    }

    /// <summary>Falls back to the shared instance deep inside: telemetry injected two ways.</summary>
    internal sealed class ReadsShared(SampleTelemetry? telemetry = null)
    {
        public SampleTelemetry Telemetry { get; } = telemetry ?? SampleTelemetry.Shared;
    }

    /// <summary>Takes an ILogger&lt;T&gt;: its category would be this type's full name.</summary>
    internal sealed class TakesTypedLogger(ILogger<TakesTypedLogger> logger)
    {
        public ILogger Logger { get; } = logger;
    }

    /// <summary>Creates a logger named after a type.</summary>
    internal static class CreatesTypedLogger
    {
        public static ILogger Make(ILoggerFactory factory) => factory.CreateLogger<SampleTelemetry>();
    }

    /// <summary>Creates its logger with its room's category: the convention.</summary>
    internal static class CreatesCategoryLogger
    {
        public static ILogger Make(ILoggerFactory factory) => factory.CreateLogger("Samples.Wiring");
    }
}
