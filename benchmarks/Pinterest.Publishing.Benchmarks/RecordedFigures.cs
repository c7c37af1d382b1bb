using System.Collections.Concurrent;
using BenchmarkDotNet.Running;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// Figures a benchmark measures itself (bytes on the wire, ratio to an ideal schedule), keyed by class and method,
/// shown as summary columns (<see cref="FigureColumn.Recorded"/>). Works because every job runs in process.
/// </summary>
internal static class RecordedFigures
{
    private static readonly ConcurrentDictionary<string, double> Values = new(StringComparer.Ordinal);

    public static void Set(string type, string method, string figure, double value) => Values[Key(type, method, figure)] = value;

    public static bool TryGet(BenchmarkCase benchmarkCase, string figure, out double value) =>
        Values.TryGetValue(Key(benchmarkCase.Descriptor.Type.Name, benchmarkCase.Descriptor.WorkloadMethod.Name, figure), out value);

    private static string Key(string type, string method, string figure) => type + "." + method + "|" + figure;
}
