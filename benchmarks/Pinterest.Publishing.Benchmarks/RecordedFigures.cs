using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// Figures a benchmark measures itself (bytes on the wire, ratio to an ideal schedule), keyed by class and method,
/// shown as summary columns. Works because every job runs in process.
/// </summary>
internal static class RecordedFigures
{
    private static readonly ConcurrentDictionary<string, double> Values = new(StringComparer.Ordinal);

    public static void Set(string type, string method, string figure, double value) => Values[Key(type, method, figure)] = value;

    public static bool TryGet(BenchmarkCase benchmarkCase, string figure, out double value) =>
        Values.TryGetValue(Key(benchmarkCase.Descriptor.Type.Name, benchmarkCase.Descriptor.WorkloadMethod.Name, figure), out value);

    private static string Key(string type, string method, string figure) => type + "." + method + "|" + figure;

    /// <summary>A column showing the last value recorded for a figure.</summary>
    public sealed class Column(string figure, string columnName, string legend, string format) : IColumn
    {
        public string Id => "Recorded." + figure;

        public string ColumnName => columnName;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            TryGet(benchmarkCase, figure, out var value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
    }
}
