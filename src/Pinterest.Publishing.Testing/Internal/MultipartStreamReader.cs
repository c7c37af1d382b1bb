using System.Text;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>
/// A forward-only multipart/form-data reader over a stream. Part bodies are handed to a sink chunk by chunk, so a
/// gigabyte upload is counted without being held in memory.
/// </summary>
internal sealed class MultipartStreamReader
{
    private const int MaxHeaderBytes = 16 * 1024;
    private readonly Stream _stream;
    private readonly byte[] _delimiter;
    private readonly byte[] _buffer = new byte[256 * 1024];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _finished;
    private bool _started;

    public MultipartStreamReader(Stream stream, string boundary)
    {
        _stream = stream;
        _delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);

        // A virtual leading CRLF makes the first boundary look like every other delimiter.
        _buffer[0] = (byte)'\r';
        _buffer[1] = (byte)'\n';
        _end = 2;
    }

    public delegate void ChunkSink(ReadOnlySpan<byte> chunk);

    /// <summary>Moves to the next part and returns its headers, or <see langword="null"/> after the closing boundary.</summary>
    public async Task<MultipartPartHeaders?> ReadNextPartAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return null;
        }

        if (!_started)
        {
            _started = true;

            // Skip the preamble up to and including the first delimiter.
            await ReadBodyAsync(static _ => { }, cancellationToken).ConfigureAwait(false);
        }

        await EnsureAsync(2, cancellationToken).ConfigureAwait(false);
        if (_buffer[_start] == '-' && _buffer[_start + 1] == '-')
        {
            _finished = true;
            return null;
        }

        if (_buffer[_start] != '\r' || _buffer[_start + 1] != '\n')
        {
            throw new InvalidDataException("Malformed multipart body: expected CRLF after a boundary.");
        }

        _start += 2;
        var headers = new MultipartPartHeaders();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length == 0)
            {
                return headers;
            }

            headers.Add(line);
        }
    }

    /// <summary>Streams the current part's body into <paramref name="sink"/> and consumes the delimiter after it.</summary>
    public async Task<long> ReadBodyAsync(ChunkSink sink, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var index = _buffer.AsSpan(_start, _end - _start).IndexOf(_delimiter);
            if (index >= 0)
            {
                sink(_buffer.AsSpan(_start, index));
                total += index;
                _start += index + _delimiter.Length;
                return total;
            }

            // Everything but a possible partial delimiter at the end is surely body.
            var safe = _end - _start - (_delimiter.Length - 1);
            if (safe > 0)
            {
                sink(_buffer.AsSpan(_start, safe));
                total += safe;
                _start += safe;
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException("Malformed multipart body: it ended inside a part.");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (index >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, index);
                _start += index + 2;
                return line;
            }

            if (_end - _start > MaxHeaderBytes || !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException("Malformed multipart body: bad part headers.");
            }
        }
    }

    private async Task EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidDataException("Malformed multipart body: it ended after a boundary.");
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("Malformed multipart body: a header line is too long.");
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }
}
