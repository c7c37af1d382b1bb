namespace Pinterest.Publishing.Media;

/// <summary>Creates and removes the temporary files that hold downloaded or spooled videos.</summary>
internal static class TemporaryFiles
{
    /// <summary>
    /// Creates an empty temporary file open for writing and reading. <see cref="FileOptions.DeleteOnClose"/> removes it
    /// when the stream is closed, even when the process does not reach an explicit delete.
    /// </summary>
    public static FileStream Create(string directory, out string path)
    {
        path = Path.Combine(directory, "pinterest-video-" + Guid.NewGuid().ToString("N") + ".tmp");
        return new FileStream(
            path,
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 0,
            FileOptions.Asynchronous | FileOptions.SequentialScan | FileOptions.DeleteOnClose);
    }

    public static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: DeleteOnClose already removed it, or another process holds it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
