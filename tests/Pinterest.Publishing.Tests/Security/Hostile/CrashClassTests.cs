
namespace Pinterest.Publishing.Tests.Security.Hostile;

/// <summary>
/// Inputs that once crashed the process run in a child process (<see cref="HostileInputRunner"/>): a regression fails
/// the test with the child's exit code instead of killing the test host.
/// </summary>
public sealed class CrashClassTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pinterest-hostile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_harness_reports_a_child_that_overflows_its_stack_as_a_failure_and_survives_it()
    {
        var result = await HostileInputRunner.RunAsync("--self-test-stack-overflow");

        Assert.False(result.TimedOut, result.ToString());
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Stack overflow", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_well_formed_movie_is_valid_in_the_child_process()
    {
        var path = Write("movie.mp4", IsoBoxes.Movie());

        var result = await HostileInputRunner.RunAsync(path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["file: valid", "stream: valid"], Lines(result));
    }

    [Fact]
    public async Task A_moov_whose_Canon_uuid_box_nests_twenty_thousand_IFDs_is_validated_without_crashing()
    {
        // About 360 KB: each of the 20,000 IFDs is 18 bytes and points at the next one.
        var path = Write("nested-ifds.mp4", HostileMp4.NestedCanonTiff(depth: 20_000));

        var result = await HostileInputRunner.RunAsync(path);

        Assert.False(result.TimedOut, result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["file: valid", "stream: valid"], Lines(result));
    }

    private static string[] Lines(ChildProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
