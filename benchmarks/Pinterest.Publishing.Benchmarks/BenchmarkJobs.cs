using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// The jobs of every benchmark class. All run in process: no second build of a generated project (slow on a shared
/// machine), and the custom columns read figures the benchmarks record in this process. <c>--quick</c> shortens them.
/// </summary>
internal static class BenchmarkJobs
{
    public const string QuickSwitch = "--quick";

    /// <summary>Set by <c>--quick</c>: fewer iterations, and the large video size is skipped.</summary>
    public static bool Quick { get; set; }

    /// <summary>Sub-millisecond operations: BenchmarkDotNet picks the invocation count.</summary>
    public static Job Micro() =>
        // Fixed counts: on a loaded machine the adaptive default can run up to 100 iterations.
        (Quick ? Job.Default.WithWarmupCount(1).WithIterationCount(3) : Job.Default.WithWarmupCount(5).WithIterationCount(20))
            .WithLaunchCount(1)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(Quick ? "Micro-quick" : "Micro");

    /// <summary>Operations of 100 ms and more, one invocation per iteration.</summary>
    public static Job Macro(int warmupCount, int iterationCount) =>
        Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(Quick ? 1 : warmupCount)
            .WithIterationCount(Quick ? 3 : iterationCount)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId(Quick ? "Macro-quick" : "Macro");

    /// <summary>A config with one job and the options every class shares.</summary>
    public static ManualConfig Config(Job job)
    {
        var config = ManualConfig.CreateEmpty();
        config.AddJob(job);
        // The library projects are referenced, not packed: with -c Release they are optimized, but the validator
        // cannot see that through an in-process toolchain.
        config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
        config.HideColumns(Column.Error);
        return config;
    }
}
