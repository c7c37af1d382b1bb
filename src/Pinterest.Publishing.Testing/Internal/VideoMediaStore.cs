using System.Globalization;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// The registered videos and their processing state machine: registered → (upload) → processing for
/// <see cref="PinterestEmulatorOptions.VideoProcessingTime"/> on the emulator's clock → succeeded, or failed when forced.
/// Thread-safe; it takes no other lock, so callers may hold theirs.
/// </summary>
internal sealed class VideoMediaStore(PinterestEmulatorOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MediaState> _media = new(StringComparer.Ordinal);
    private bool _failAll;

    /// <summary>Whether every video uploaded from now on ends in <c>failed</c>.</summary>
    public bool FailAll
    {
        get { lock (_gate) { return _failAll; } }
        set { lock (_gate) { _failAll = value; } }
    }

    public EmulatedMedia[] Snapshots
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                return _media.Values.OrderBy(m => long.Parse(m.MediaId, CultureInfo.InvariantCulture)).Select(m => m.Snapshot(now, options.VideoProcessingTime)).ToArray();
            }
        }
    }

    public void Add(MediaState media)
    {
        lock (_gate)
        {
            _media[media.MediaId] = media;
        }
    }

    /// <summary>A video by id, whoever registered it (the upload endpoint is not authenticated), or <see langword="null"/>.</summary>
    public MediaState? Find(string mediaId)
    {
        lock (_gate)
        {
            return _media.GetValueOrDefault(mediaId);
        }
    }

    /// <summary>The current status of a video <paramref name="accountId"/> registered, or <see langword="null"/> when it has none by that id.</summary>
    public EmulatedMediaStatus? StatusOf(string mediaId, string accountId)
    {
        lock (_gate)
        {
            return _media.TryGetValue(mediaId, out var media) && media.AccountId == accountId
                ? media.StatusAt(time.GetUtcNow(), options.VideoProcessingTime)
                : null;
        }
    }

    /// <summary>The videos <paramref name="accountId"/> registered, with their current status.</summary>
    public List<(string MediaId, EmulatedMediaStatus Status)> ListOf(string accountId)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return _media.Values.Where(m => m.AccountId == accountId).Select(m => (m.MediaId, m.StatusAt(now, options.VideoProcessingTime))).ToList();
        }
    }

    public EmulatedMedia? Snapshot(string mediaId)
    {
        lock (_gate)
        {
            return _media.TryGetValue(mediaId, out var media) ? media.Snapshot(time.GetUtcNow(), options.VideoProcessingTime) : null;
        }
    }

    /// <summary>Makes a video end in <c>failed</c>.</summary>
    public void ForceFail(string mediaId)
    {
        lock (_gate)
        {
            if (!_media.TryGetValue(mediaId, out var media))
            {
                throw new ArgumentException("Unknown media id.", nameof(mediaId));
            }

            media.ForceFail = true;
        }
    }

    /// <summary>Starts processing after an accepted upload of <paramref name="bytes"/> bytes.</summary>
    public void CompleteUpload(MediaState media, long bytes)
    {
        lock (_gate)
        {
            media.UploadedAt = time.GetUtcNow();
            media.UploadedBytes = bytes;
            media.ForceFail |= _failAll;
        }
    }
}
