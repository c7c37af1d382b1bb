using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Security.Hostile;

/// <summary>A NUL in a video file's path is the caller's error, said at once; preflight reports it and leaves no task behind.</summary>
public sealed class InvalidVideoPathTests : IDisposable
{
    private readonly MediaWireMock _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void VideoSource_FromFile_rejects_a_path_with_a_NUL_character()
    {
        var ex = Assert.Throws<ArgumentException>(() => VideoSource.FromFile("clips/a\0b.mp4"));

        Assert.Equal("path", ex.ParamName);
        Assert.Contains("invalid character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_reports_a_path_the_file_system_rejects_as_unreadable_instead_of_throwing()
    {
        // A source built past the factory's check (as a deserialised or hand-built one could be).
        var source = new FileVideoSource("clips/a\0b.mp4");

        var result = await ValidateAsync(Request(PinMedia.Video(source)));

        var issue = Single(result, PreflightCodes.VideoUnreadable);
        Assert.Equal(PreflightSeverity.Error, issue.Severity);
        Assert.Contains("invalid characters", issue.Message, StringComparison.Ordinal);
        Assert.Single(result.Issues);
    }

    [Fact]
    public async Task Preflight_of_an_unusable_path_with_a_cover_url_leaves_no_unobserved_task_exception()
    {
        var cover = _server.ServeFixture("/cover.jpg", "large-1000x1500.jpg", "image/jpeg");
        using var probeEnded = new ProbeEndSignal();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(probeEnded).SetMinimumLevel(LogLevel.Debug));
        var unobserved = new List<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            lock (unobserved)
            {
                unobserved.AddRange(e.Exception.Flatten().InnerExceptions);
            }
        }

        // The validator (and its HTTP client) outlives the validation, as a host's does.
        using var validator = Validator(loggerFactory: loggerFactory);
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await ValidateQuietlyAsync(validator, new FileVideoSource("clips/a\0b.mp4"), cover);

            // The cover probe has ended (it logs just before it returns): had it been left running, its task is
            // now faulted or done, and an exception nobody observed surfaces when the task is finalised.
            await probeEnded.Task.WaitAsync(TimeSpan.FromMinutes(1));
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        // Only the exceptions a left-behind probe would raise count: other tests may run in parallel.
        lock (unobserved)
        {
            Assert.DoesNotContain(unobserved, e => e is ObjectDisposedException or ArgumentException);
        }
    }

    private static async Task ValidateQuietlyAsync(PinPreflightValidator validator, VideoSource source, Uri cover)
    {
        try
        {
            await validator.ValidateAsync(Request(PinMedia.Video(source, VideoCover.FromUrl(cover))));
        }
        catch (ArgumentException)
        {
            // Before the fix: the NUL escaped as an ArgumentException while the cover probe was still running.
        }
    }

    /// <summary>Completes when a probe logs that it completed or failed.</summary>
    private sealed class ProbeEndSignal : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _ended.Task;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name is "PreflightProbeCompleted" or "PreflightProbeFailed")
            {
                _ended.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
