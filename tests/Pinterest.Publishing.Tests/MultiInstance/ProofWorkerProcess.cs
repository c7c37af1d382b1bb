using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>
/// One tests/Pinterest.Publishing.ProofWorker process: an app instance publishing from PostgreSQL to the emulator.
/// Its output lines are kept (the proof counts the claims and outcomes each worker reports); the client secret and the
/// connection string go in its environment, not on its command line.
/// </summary>
internal sealed class ProofWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _stdout;
    private readonly Task _stderr;

    private ProofWorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _stdout = PumpAsync(process.StandardOutput);
        _stderr = PumpAsync(process.StandardError);
    }

    public static string WorkerPath { get; } = typeof(ProofWorkerProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProofWorkerPath").Value!;

    public string Name { get; }

    public IReadOnlyCollection<string> Lines => _lines;

    public bool HasExited => _process.HasExited;

    public static ProofWorkerProcess Start(string name, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(WorkerPath), $"The proof worker was not built at {WorkerPath}.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerPath);
        start.ArgumentList.Add("--worker-name");
        start.ArgumentList.Add(name);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        return new ProofWorkerProcess(name, Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Completes when the worker reported it started; fails when it exits first or takes longer than <paramref name="timeout"/>.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_ready.Task, exited).WaitAsync(timeout);
        Assert.True(done == _ready.Task, $"{Name} exited before it was ready:\n{Tail(40)}");
    }

    /// <summary>SIGKILL on Linux, as an out-of-memory kill or a pulled plug: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();

        // Every line it wrote before dying is read: what it claimed and did not finish is known exactly.
        await Task.WhenAll(_stdout, _stderr);
    }

    /// <summary>A graceful stop: closes the worker's standard input, then waits for it to end.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        await Task.WhenAll(_stdout, _stderr);
    }

    public string Tail(int count) => string.Join('\n', _lines.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(line);
            if (line == $"{Name} ready")
            {
                _ready.TrySetResult();
            }
        }
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
