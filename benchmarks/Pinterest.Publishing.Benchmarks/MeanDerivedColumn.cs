using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>A figure computed from a benchmark's mean time in nanoseconds (throughput, ratio to an ideal).</summary>
internal sealed class MeanDerivedColumn(string columnName, string legend, Func<BenchmarkCase, double, double> fromMeanNanoseconds, string format) : IColumn
{
    public string Id => "MeanDerived." + columnName;

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
        summary[benchmarkCase]?.ResultStatistics is { } stats && fromMeanNanoseconds(benchmarkCase, stats.Mean) is var value && !double.IsNaN(value)
            ? value.ToString(format, CultureInfo.InvariantCulture)
            : "-";
}
