using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.VideoUpload.Internal;

/// <summary>
/// Creates and removes the temporary files that hold downloaded or spooled videos: readable by the process's user only,
/// in a directory private to that user, and swept of the files a killed process left behind.
/// </summary>
internal static class TemporaryFiles
{
    internal const string FilePrefix = "pinterest-video-";
    internal const string FileSuffix = ".tmp";

    /// <summary>
    /// How old a left-behind file must be before the sweep removes it. Far longer than any download and upload can take
    /// (both are bounded by a minimum rate), so a file another live process sharing the directory is still using is kept.
    /// </summary>
    internal static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    // Directories this process has swept: once each, on first use.
    private static readonly ConcurrentDictionary<string, bool> Swept = new(StringComparer.Ordinal);

    /// <summary>The directory used when <see cref="VideoUploadOptions.TemporaryDirectory"/> is not set.</summary>
    public static string DefaultDirectory { get; } = Path.Combine(Path.GetTempPath(), "pinterest-publishing-" + SafeUserName());

    /// <summary>
    /// Creates an empty temporary file open for writing and reading, mode 0600 on Unix. <see cref="FileOptions.DeleteOnClose"/>
    /// removes it when the stream is closed, even when the process does not reach an explicit delete.
    /// </summary>
    /// <exception cref="PinterestVideoUploadException">The directory is unusable or the file cannot be created.</exception>
    public static FileStream Create(string directory, TimeProvider timeProvider, ILogger logger, out string path)
    {
        path = Path.Combine(directory, FilePrefix + Guid.NewGuid().ToString("N") + FileSuffix);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan | FileOptions.DeleteOnClose,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFile;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Prepare(directory, timeProvider, logger);
                return new FileStream(path, options);
            }
            catch (DirectoryNotFoundException) when (attempt == 0)
            {
                // Removed between the check and the create (by a temp cleaner, say): make it again, once.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PinterestVideoUploadException(
                    $"Could not create a temporary file for the video in {directory}: {ex.Message} Give this process's user "
                    + "a private directory there, or set VideoUpload:TemporaryDirectory to one.",
                    statusCode: null,
                    innerException: ex);
            }
        }
    }

    /// <summary>Deletes the file if it is there; returns whether it could (or was already gone).</summary>
    public static bool TryDelete(string? path)
    {
        if (path is null)
        {
            return true;
        }

        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            // Best effort: DeleteOnClose already removed it, or another process holds it.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates the directory (0700) if missing and checks the default one is private, on every use (a stat, next to a
    /// video download); sweeps stale files on the first use of the directory in this process.
    /// </summary>
    private static void Prepare(string directory, TimeProvider timeProvider, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            // The temp path is per user on Windows and new directories inherit its ACL.
            Directory.CreateDirectory(directory);
        }
        else
        {
            var info = Directory.Exists(directory) ? new DirectoryInfo(directory) : Directory.CreateDirectory(directory, PrivateDirectory);
            if (string.Equals(directory, DefaultDirectory, StringComparison.Ordinal))
            {
                MakePrivate(info);
            }
        }

        if (Swept.TryAdd(directory, true))
        {
            var removed = SweepStale(directory, timeProvider.GetUtcNow() - StaleAfter);
            if (removed > 0)
            {
                VideoUploadLog.StaleTemporaryFilesRemoved(logger, removed, directory);
            }
        }
    }

    /// <summary>
    /// The default directory lives in the shared temp directory, where another user could have made it first: refuse a
    /// link, and take it to 0700 — which only its owner can do, so a directory another user made fails here.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakePrivate(DirectoryInfo info)
    {
        if (info.LinkTarget is not null)
        {
            throw new IOException($"The default temporary directory {info.FullName} is a symbolic link, which could lead anywhere; remove it.");
        }

        if (info.UnixFileMode != PrivateDirectory)
        {
            File.SetUnixFileMode(info.FullName, PrivateDirectory);
        }
    }

    private static int SweepStale(string directory, DateTimeOffset olderThan)
    {
        var removed = 0;
        try
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles(FilePrefix + "*" + FileSuffix))
            {
                if (file.LastWriteTimeUtc < olderThan.UtcDateTime && TryDelete(file.FullName))
                {
                    removed++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a sweep that cannot finish must not fail the upload that triggered it.
        }

        return removed;
    }

    /// <summary>The user name reduced to characters safe in a file name, so the default directory is per user.</summary>
    private static string SafeUserName()
    {
        var name = Environment.UserName;
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return safe.Length == 0 ? "user" : safe.ToString();
    }
}
