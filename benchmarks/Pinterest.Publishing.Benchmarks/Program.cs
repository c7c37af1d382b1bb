using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project benchmarks/Pinterest.Publishing.Benchmarks -- --filter '*'
// Run one class: ... -- --filter '*PreflightBenchmarks*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
