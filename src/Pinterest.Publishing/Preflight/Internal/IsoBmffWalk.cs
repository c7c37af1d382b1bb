
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// One walk of <see cref="IsoBmffReader"/>: the top-level boxes one after the other, then the <c>moov</c> box's children
/// with an explicit stack of container ends (no recursion), reading only headers and the fields of a few leaf boxes.
/// </summary>
internal ref struct IsoBmffWalk
{
    private static readonly uint Moov = IsoBmffBox.TypeOf("moov"u8);
    private static readonly uint Moof = IsoBmffBox.TypeOf("moof"u8);
    private static readonly uint Mvhd = IsoBmffBox.TypeOf("mvhd"u8);
    private static readonly uint Mvex = IsoBmffBox.TypeOf("mvex"u8);
    private static readonly uint Mehd = IsoBmffBox.TypeOf("mehd"u8);
    private static readonly uint Trak = IsoBmffBox.TypeOf("trak"u8);
    private static readonly uint Tkhd = IsoBmffBox.TypeOf("tkhd"u8);
    private static readonly uint Mdia = IsoBmffBox.TypeOf("mdia"u8);
    private static readonly uint Hdlr = IsoBmffBox.TypeOf("hdlr"u8);
    private static readonly uint Vide = IsoBmffBox.TypeOf("vide"u8);

    private readonly IsoBmffSource _source;
    private List<IsoBmffBox>? _boxes;
    private int _topLevelCount;
    private int _visited;
    private IsoBmffBox? _moov;
    private bool _moovComplete;
    private long? _bytesNeeded;
    private bool _fragments;
    private bool _truncated;
    private bool _malformed;
    private bool _limitReached;
    private uint _timescale;
    private ulong? _movieDuration;
    private ulong? _fragmentDuration;
    private (int Width, int Height)? _video;
    private (int Width, int Height)? _firstSized;
    private bool _trackOpen;
    private (int Width, int Height) _trackSize;
    private uint _trackHandler;

    public IsoBmffWalk(IsoBmffSource source) => _source = source;

    public IsoBmffLayout Run()
    {
        WalkTopLevel();
        var size = _video ?? _firstSized;
        return new IsoBmffLayout
        {
            TopLevelBoxes = (IReadOnlyList<IsoBmffBox>?)_boxes ?? [],
            TopLevelBoxCount = _topLevelCount,
            Moov = _moov,
            MoovComplete = _moovComplete,
            BytesNeeded = _moovComplete ? null : _bytesNeeded,
            HasFragments = _fragments,
            IsTruncated = _truncated,
            IsMalformed = _malformed,
            LimitReached = _limitReached,
            BoxesVisited = _visited,
            MovieDuration = IsoBmffFields.ToTimeSpan(_movieDuration, _timescale),
            FragmentDuration = IsoBmffFields.ToTimeSpan(_fragmentDuration, _timescale),
            Width = size?.Width,
            Height = size?.Height,
        };
    }

    private void WalkTopLevel()
    {
        long offset = 0;
        while (true)
        {
            if (_source.Length - offset < 8)
            {
                // Fewer bytes than a header: the end of a complete file (a few stray bytes are tolerated), or of
                // a prefix, where the next header starts.
                if (!_source.IsComplete)
                {
                    _bytesNeeded = offset + 8;
                }

                return;
            }

            if (!CountVisit())
            {
                return;
            }

            var header = _source.ReadBoxHeader(offset, long.MaxValue, out var box, out var headerSize);
            if (header == IsoBmffSource.HeaderStatus.Unavailable)
            {
                // A 64-bit size cut off by the end of the data.
                _truncated = _source.IsComplete;
                _bytesNeeded = _source.IsComplete ? null : offset + 16;
                return;
            }

            if (header == IsoBmffSource.HeaderStatus.Malformed)
            {
                _malformed = true;
                return;
            }

            _topLevelCount++;
            if (_topLevelCount <= IsoBmffReader.MaxRecordedBoxes)
            {
                (_boxes ??= new List<IsoBmffBox>(8)).Add(box);
            }

            if (box.Type == Moof)
            {
                _fragments = true;
            }
            else if (box.Type == Moov && _moov is null)
            {
                _moov = box;
                WalkMovie(box, headerSize);
            }

            if (box.ExtendsToEnd)
            {
                // The last box. In a prefix, how far it goes is unknown.
                return;
            }

            if (box.Size > _source.Length - offset)
            {
                // Complete data: the file was cut short. A prefix: the rest lies behind it; all of the moov when
                // this is the moov, else the next box's header at this box's end.
                _truncated = _source.IsComplete;
                _bytesNeeded = _source.IsComplete ? null : box.Type == Moov ? box.End : box.End + 8;
                return;
            }

            offset = box.End;
        }
    }

    /// <summary>Walks the moov's children with an explicit stack of container ends.</summary>
    private void WalkMovie(IsoBmffBox moov, int headerSize)
    {
        if (moov.Size > IsoBmffReader.MaxMoovSize)
        {
            _limitReached = true;
            return;
        }

        var available = Math.Min(moov.End, _source.Length);
        _moovComplete = moov.End <= _source.Length && (_source.IsComplete || !moov.ExtendsToEnd);
        Span<long> ends = stackalloc long[IsoBmffReader.MaxDepth];
        Span<uint> types = stackalloc uint[IsoBmffReader.MaxDepth];
        ends[0] = moov.End;
        types[0] = Moov;
        var depth = 1;
        var offset = moov.Offset + headerSize;
        while (depth > 0)
        {
            var parentEnd = ends[depth - 1];
            if (parentEnd - offset < 8)
            {
                // The container is done (a few trailing bytes, such as QuickTime's 4-byte terminator, are skipped).
                LeaveContainer(types[depth - 1]);
                offset = parentEnd;
                depth--;
                continue;
            }

            if (available - offset < 8 || !CountVisit())
            {
                break;
            }

            var header = _source.ReadBoxHeader(offset, parentEnd, out var child, out var childHeaderSize);
            if (header == IsoBmffSource.HeaderStatus.Unavailable)
            {
                break;
            }

            if (header == IsoBmffSource.HeaderStatus.Malformed)
            {
                // The rest of this container cannot be trusted; its siblings can still be read.
                _malformed = true;
                offset = parentEnd;
                continue;
            }

            var parent = types[depth - 1];
            if (IsFollowedContainer(parent, child.Type))
            {
                if (depth == IsoBmffReader.MaxDepth)
                {
                    _limitReached = true;
                    offset = child.End;
                    continue;
                }

                EnterContainer(child.Type);
                ends[depth] = child.End;
                types[depth] = child.Type;
                depth++;
                offset = child.Offset + childHeaderSize;
                continue;
            }

            ReadLeaf(parent, child, childHeaderSize);
            offset = child.End;
        }

        if (_trackOpen)
        {
            LeaveContainer(Trak);
        }
    }

    private static bool IsFollowedContainer(uint parent, uint type) =>
        (parent == Moov && (type == Trak || type == Mvex)) || (parent == Trak && type == Mdia);

    private void EnterContainer(uint type)
    {
        if (type == Mvex)
        {
            _fragments = true;
        }
        else if (type == Trak)
        {
            _trackOpen = true;
            _trackSize = default;
            _trackHandler = 0;
        }
    }

    private void LeaveContainer(uint type)
    {
        if (type != Trak || !_trackOpen)
        {
            return;
        }

        // The first video track's size; failing a handler saying so, the first track with a size (audio has 0×0).
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

    private void ReadLeaf(uint parent, IsoBmffBox box, int headerSize)
    {
        var wanted = (parent == Moov && box.Type == Mvhd && _movieDuration is null && _timescale == 0)
            || (parent == Mvex && box.Type == Mehd)
            || (parent == Trak && box.Type == Tkhd)
            || (parent == Mdia && box.Type == Hdlr);
        if (!wanted)
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[IsoBmffFields.MaxFieldBytes];
        var content = buffer[..(int)Math.Min(buffer.Length, box.Size - headerSize)];
        content = content[.._source.Read(box.Offset + headerSize, content)];
        if (box.Type == Mvhd)
        {
            if (IsoBmffFields.TryReadMovieHeader(content, out var timescale, out var duration))
            {
                (_timescale, _movieDuration) = (timescale, duration);
            }
        }
        else if (box.Type == Mehd)
        {
            if (IsoBmffFields.TryReadFragmentDuration(content, out var duration))
            {
                _fragmentDuration = duration;
            }
        }
        else if (box.Type == Tkhd)
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

    private bool CountVisit()
    {
        if (_visited >= IsoBmffReader.MaxBoxes)
        {
            _limitReached = true;
            return false;
        }

        _visited++;
        return true;
    }
}
