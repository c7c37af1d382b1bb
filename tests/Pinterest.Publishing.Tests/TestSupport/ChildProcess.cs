using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>How a child process ended.</summary>
internal sealed record ChildProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>The output, for assertion messages.</summary>
    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (timed out, killed)" : string.Empty)}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>
/// Runs tests/Pinterest.Publishing.HostileInputRunner in its own process: a stack overflow (which no catch can stop)
/// or any other crash of the runner ends that process with a non-zero exit code, which fails the test, instead of
/// ending the test host and every test in it.
/// </summary>
internal static class HostileInputRunner
{
    /// <summary>A safety net, not a measurement: the runner needs a second or two; only a hang comes near it.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>How much of each output stream is kept (a stack overflow prints a long trace).</summary>
    private const int MaxKeptChars = 16 * 1024;

    public static string RunnerPath { get; } = typeof(HostileInputRunner).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "HostileInputRunnerPath").Value!;

    public static async Task<ChildProcessResult> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(RunnerPath), $"The hostile input runner was not built at {RunnerPath}.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RunnerPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A crash must not leave a dump behind.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = DrainAsync(process.StandardOutput);
        var stderr = DrainAsync(process.StandardError);
        var timedOut = false;
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        return new ChildProcessResult(process.ExitCode, await stdout, await stderr, timedOut);
    }

    private static string DotnetHost()
    {
        // Set by the dotnet CLI for the processes it starts (the test host among them).
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static async Task<string> DrainAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            kept.Append(buffer, 0, Math.Min(read, MaxKeptChars - kept.Length));
        }

        return kept.ToString();
    }
}
