using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>A numeric summary column whose value a function computes for each benchmark case ("-" when it has none).</summary>
internal sealed class FigureColumn(string id, string columnName, string legend, Func<Summary, BenchmarkCase, double?> value, string format) : IColumn
{
    /// <summary>A figure computed from the case's mean time in nanoseconds (throughput, ratio to an ideal).</summary>
    public static FigureColumn FromMean(string columnName, string legend, Func<BenchmarkCase, double, double> fromMeanNanoseconds, string format) =>
        new("MeanDerived." + columnName, columnName, legend,
            (summary, benchmarkCase) => summary[benchmarkCase]?.ResultStatistics is { } stats ? fromMeanNanoseconds(benchmarkCase, stats.Mean) : null,
            format);

    /// <summary>The last value the benchmark recorded for <paramref name="figure"/> with <see cref="RecordedFigures.Set"/>.</summary>
    public static FigureColumn Recorded(string figure, string columnName, string legend, string format) =>
        new("Recorded." + figure, columnName, legend,
            (_, benchmarkCase) => RecordedFigures.TryGet(benchmarkCase, figure, out var recorded) ? recorded : null,
            format);

    public string Id => id;

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
        value(summary, benchmarkCase) is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
