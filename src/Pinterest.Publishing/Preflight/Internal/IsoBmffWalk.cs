using static Pinterest.Publishing.Preflight.Internal.IsoBmffBoxTypes;

namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>
/// One walk of <see cref="IsoBmffReader"/>: the top-level boxes one after the other, then the <c>moov</c> box's children
/// with an explicit stack of container ends (no recursion), reading only headers and, for <see cref="IsoBmffMovieFacts"/>,
/// the fields of a few leaf boxes. It owns the bounds (boxes visited, depth, <c>moov</c> size) and the layout's flags.
/// </summary>
internal ref struct IsoBmffWalk
{
    private readonly IsoBmffSource _source;
    private List<IsoBmffBox>? _boxes;
    private int _topLevelCount;
    private int _visited;
    private IsoBmffBox? _moov;
    private bool _moovComplete;
    private long? _bytesNeeded;
    private long? _nextBoxOffset;
    private bool _fragments;
    private bool _truncated;
    private bool _malformed;
    private bool _limitReached;
    private bool _walkedToEnd;
    private IsoBmffMovieFacts _movie;

    public IsoBmffWalk(IsoBmffSource source) => _source = source;

    public IsoBmffLayout Run()
    {
        WalkTopLevel();
        var size = _movie.Size;
        return new IsoBmffLayout
        {
            TopLevelBoxes = (IReadOnlyList<IsoBmffBox>?)_boxes ?? [],
            TopLevelBoxCount = _topLevelCount,
            Moov = _moov,
            MoovComplete = _moovComplete,
            BytesNeeded = _moovComplete ? null : _bytesNeeded,
            NextBoxOffset = _moov is null ? _nextBoxOffset : null,
            WalkedToEnd = _walkedToEnd,
            HasFragments = _fragments,
            IsTruncated = _truncated,
            IsMalformed = _malformed,
            LimitReached = _limitReached,
            BoxesVisited = _visited,
            MovieDuration = _movie.MovieDuration,
            FragmentDuration = _movie.FragmentDuration,
            Width = size?.Width,
            Height = size?.Height,
        };
    }

    private void WalkTopLevel()
    {
        var offset = _source.Start;
        while (true)
        {
            if (_source.Length - offset < 8)
            {
                // Fewer bytes than a header: the end of a complete file (a few stray bytes are tolerated), or of
                // a prefix, where the next header starts.
                if (!_source.IsComplete)
                {
                    _bytesNeeded = offset + 8;
                    _nextBoxOffset = offset;
                }

                _walkedToEnd = _source.IsComplete;
                return;
            }

            if (!CountVisit())
            {
                return;
            }

            var header = _source.ReadBoxHeader(offset, long.MaxValue, out var box, out var headerSize);
            if (header == IsoBmffSource.HeaderStatus.Unavailable)
            {
                // A header in bytes not fetched (the file goes on there), or a 64-bit size cut off by the end of the file.
                var notFetched = !_source.IsComplete || !_source.Holds(offset, 16);
                _truncated = !notFetched;
                _bytesNeeded = notFetched ? offset + 16 : null;
                _nextBoxOffset = notFetched ? offset : null;
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
                _walkedToEnd = _source.IsComplete;
                return;
            }

            if (box.Size > _source.Length - offset)
            {
                // Complete data: the file was cut short. A prefix: the rest lies behind it; all of the moov when
                // this is the moov, else the next box's header at this box's end.
                _truncated = _source.IsComplete;
                _bytesNeeded = _source.IsComplete ? null : box.Type == Moov ? box.End : box.End + 8;
                _nextBoxOffset = _source.IsComplete || box.Type == Moov ? null : box.End;
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
        _moovComplete = moov.End <= _source.Length && _source.Holds(moov.Offset, moov.Size) && (_source.IsComplete || !moov.ExtendsToEnd);
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
                _movie.LeaveContainer(types[depth - 1]);
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
            if (IsoBmffMovieFacts.IsFollowedContainer(parent, child.Type))
            {
                if (depth == IsoBmffReader.MaxDepth)
                {
                    _limitReached = true;
                    offset = child.End;
                    continue;
                }

                _fragments |= child.Type == Mvex;
                _movie.EnterContainer(child.Type);
                ends[depth] = child.End;
                types[depth] = child.Type;
                depth++;
                offset = child.Offset + childHeaderSize;
                continue;
            }

            ReadLeaf(parent, child, childHeaderSize);
            offset = child.End;
        }

        // A track cut off by the end of the bytes or a bound still counts with what was read of it.
        _movie.LeaveContainer(Trak);
    }

    private void ReadLeaf(uint parent, IsoBmffBox box, int headerSize)
    {
        if (!_movie.Wants(parent, box.Type))
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[IsoBmffFields.MaxFieldBytes];
        var content = buffer[..(int)Math.Min(buffer.Length, box.Size - headerSize)];
        content = content[.._source.Read(box.Offset + headerSize, content)];
        _movie.Read(box.Type, content);
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
