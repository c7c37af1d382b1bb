using static Pinterest.Publishing.Preflight.Internal.IsoBmffBoxTypes;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// What an <see cref="IsoBmffWalk"/> learns from the <c>moov</c> box's children as it passes them: the movie's time
/// scale and durations (<c>mvhd</c>, <c>mvex/mehd</c>) and the displayed size of the first video track (<c>trak/tkhd</c>,
/// <c>trak/mdia/hdlr</c>). The walk decides how to move through the boxes; this decides which containers are entered
/// and which leaf boxes' fields are read (by <see cref="IsoBmffFields"/>). A new fact is a leaf here and a field reader there.
/// </summary>
internal struct IsoBmffMovieFacts
{
    private uint _timescale;
    private ulong? _movieDuration;
    private ulong? _fragmentDuration;
    private (int Width, int Height)? _video;
    private (int Width, int Height)? _firstSized;
    private bool _trackOpen;
    private (int Width, int Height) _trackSize;
    private uint _trackHandler;

    /// <summary>The movie header's duration, when read.</summary>
    public readonly TimeSpan? MovieDuration => IsoBmffFields.ToTimeSpan(_movieDuration, _timescale);

    /// <summary>The movie extends header's duration, when read.</summary>
    public readonly TimeSpan? FragmentDuration => IsoBmffFields.ToTimeSpan(_fragmentDuration, _timescale);

    /// <summary>The first video track's size; failing a handler saying so, the first track with a size (audio has 0×0).</summary>
    public readonly (int Width, int Height)? Size => _video ?? _firstSized;

    /// <summary>Whether the walk goes into <paramref name="type"/> inside <paramref name="parent"/>: moov/trak, moov/mvex, trak/mdia.</summary>
    public static bool IsFollowedContainer(uint parent, uint type) =>
        (parent == Moov && (type == Trak || type == Mvex)) || (parent == Trak && type == Mdia);

    /// <summary>Whether the fields of the leaf box <paramref name="type"/> inside <paramref name="parent"/> are wanted.</summary>
    public readonly bool Wants(uint parent, uint type) =>
        (parent == Moov && type == Mvhd && _movieDuration is null && _timescale == 0)
        || (parent == Mvex && type == Mehd)
        || (parent == Trak && type == Tkhd)
        || (parent == Mdia && type == Hdlr);

    public void EnterContainer(uint type)
    {
        if (type == Trak)
        {
            _trackOpen = true;
            _trackSize = default;
            _trackHandler = 0;
        }
    }

    public void LeaveContainer(uint type)
    {
        if (type != Trak || !_trackOpen)
        {
            return;
        }

        _trackOpen = false;
        if (_trackSize is { Width: > 0, Height: > 0 })
        {
            if (_trackHandler == Vide)
            {
                _video ??= _trackSize;
            }

            _firstSized ??= _trackSize;
        }
    }

    /// <summary>Reads a wanted leaf box's fields from (the start of) its <paramref name="content"/>.</summary>
    public void Read(uint type, ReadOnlySpan<byte> content)
    {
        if (type == Mvhd)
        {
            if (IsoBmffFields.TryReadMovieHeader(content, out var timescale, out var duration))
            {
                (_timescale, _movieDuration) = (timescale, duration);
            }
        }
        else if (type == Mehd)
        {
            if (IsoBmffFields.TryReadFragmentDuration(content, out var duration))
            {
                _fragmentDuration = duration;
            }
        }
        else if (type == Tkhd)
        {
            if (IsoBmffFields.TryReadTrackSize(content, out var width, out var height))
            {
                _trackSize = (width, height);
            }
        }
        else
        {
            _trackHandler = IsoBmffFields.ReadHandlerType(content);
        }
    }
}
