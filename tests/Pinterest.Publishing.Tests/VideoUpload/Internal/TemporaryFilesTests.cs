using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.VideoUpload.Internal;

namespace Pinterest.Publishing.Tests.VideoUpload.Internal;

/// <summary>
/// Spooled videos are private to the process's user (0600 in a 0700 directory), go where
/// <see cref="VideoUploadOptions.TemporaryDirectory"/> says, and the files a killed process left behind are swept on
/// first use once they are a day old.
/// </summary>
public sealed class TemporaryFilesTests : IDisposable
{
    private const UnixFileMode UserReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode UserOnly = UserReadWrite | UnixFileMode.UserExecute;

    private readonly TempDirectory _root = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _root.Dispose();

    private VideoSourceOpener CreateOpener(VideoUploadOptions options, string? temporaryDirectory = null) =>
        new(ProbeHttpHandlerFactory.SharedProbeClient, options, _time, NullLogger.Instance, temporaryDirectory);

    private static VideoSource NonSeekable(int length = 1000) =>
        VideoSource.FromStream(new NonSeekableStream(new MemoryStream(TestBytes.Create(length))), "video/mp4");

    [Fact]
    public async Task A_spooled_video_is_created_readable_and_writable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        await using var video = await CreateOpener(new VideoUploadOptions(), _root.Path).OpenAsync(NonSeekable());

        Assert.Equal(UserReadWrite, File.GetUnixFileMode(video.TemporaryPath!));
    }

    [Fact]
    public async Task The_configured_directory_is_used_and_created_private_when_missing()
    {
        var directory = Path.Combine(_root.Path, "spool", "videos");
        var opener = CreateOpener(new VideoUploadOptions { TemporaryDirectory = directory });

        await using (var video = await opener.OpenAsync(NonSeekable()))
        {
            Assert.Equal(directory, Path.GetDirectoryName(video.TemporaryPath));
            Assert.Single(Directory.GetFiles(directory));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UserOnly, File.GetUnixFileMode(directory));
            }
        }

        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Without_a_setting_the_directory_is_a_per_user_one_under_the_system_temp_directory()
    {
        var opener = CreateOpener(new VideoUploadOptions());

        Assert.Equal(TemporaryFiles.DefaultDirectory, opener.TemporaryDirectory);
        Assert.Equal(Path.TrimEndingDirectorySeparator(Path.GetTempPath()), Path.GetDirectoryName(opener.TemporaryDirectory));
        Assert.StartsWith("pinterest-publishing-", Path.GetFileName(opener.TemporaryDirectory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_directory_is_made_private_even_when_it_already_existed_open_to_others()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        Directory.CreateDirectory(TemporaryFiles.DefaultDirectory);
        File.SetUnixFileMode(TemporaryFiles.DefaultDirectory, UserOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        await using var video = await CreateOpener(new VideoUploadOptions()).OpenAsync(NonSeekable());

        Assert.Equal(TemporaryFiles.DefaultDirectory, Path.GetDirectoryName(video.TemporaryPath));
        Assert.Equal(UserOnly, File.GetUnixFileMode(TemporaryFiles.DefaultDirectory));
        Assert.Equal(UserReadWrite, File.GetUnixFileMode(video.TemporaryPath!));
    }

    [Fact]
    public async Task Files_left_behind_more_than_a_day_ago_are_swept_on_first_use_and_fresher_or_foreign_files_kept()
    {
        var directory = Path.Combine(_root.Path, "sweep");
        Directory.CreateDirectory(directory);
        var stale = Leftover(directory, "pinterest-video-0123456789abcdef0123456789abcdef.tmp", TimeSpan.FromDays(2));
        var fresh = Leftover(directory, "pinterest-video-fedcba9876543210fedcba9876543210.tmp", TimeSpan.FromHours(20));
        var foreign = Leftover(directory, "someone-elses-file.tmp", TimeSpan.FromDays(30));

        await using (await CreateOpener(new VideoUploadOptions { TemporaryDirectory = directory }).OpenAsync(NonSeekable()))
        {
        }

        Assert.False(File.Exists(stale), "a day-old spool file of a killed process is removed");
        Assert.True(File.Exists(fresh), "a recent spool file may belong to a live process sharing the directory");
        Assert.True(File.Exists(foreign), "only the library's own files are swept");
    }

    [Fact]
    public void A_relative_or_invalid_directory_fails_start_up_validation_naming_the_key()
    {
        foreach (var bad in new[] { "videos/tmp", " ", "/tmp/a\0b" })
        {
            var options = new PinterestPublishingOptions();
            options.VideoUpload.TemporaryDirectory = bad;

            var result = OptionsValidation.Validate(options);

            Assert.True(result.Failed, bad);
            Assert.Contains(result.Failures!, f => f.Contains("Pinterest:VideoUpload:TemporaryDirectory", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_absolute_directory_or_none_passes_start_up_validation()
    {
        foreach (var good in new[] { null, _root.Path })
        {
            var options = new PinterestPublishingOptions();
            options.VideoUpload.TemporaryDirectory = good;

            var result = OptionsValidation.Validate(options);

            Assert.DoesNotContain(result.Failures ?? [], f => f.Contains("TemporaryDirectory", StringComparison.Ordinal));
        }
    }

    private string Leftover(string directory, string name, TimeSpan age)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, (_time.GetUtcNow() - age).UtcDateTime);
        return path;
    }
}
