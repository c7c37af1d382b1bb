using BenchmarkDotNet.Running;
using Pinterest.Publishing.Benchmarks;

// Run all: dotnet run -c Release --project benchmarks/Pinterest.Publishing.Benchmarks -- --filter '*'
// Run one class: ... -- --filter '*PreflightBenchmarks*'
// Quick run (short jobs, 256 MiB video only): ... -- --filter '*' --quick
var quick = args.Contains(BenchmarkJobs.QuickSwitch, StringComparer.OrdinalIgnoreCase);
BenchmarkJobs.Quick = quick;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args.Where(a => !string.Equals(a, BenchmarkJobs.QuickSwitch, StringComparison.OrdinalIgnoreCase)).ToArray());
