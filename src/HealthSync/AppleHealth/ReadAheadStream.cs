using System.Collections.Concurrent;

namespace HealthSync.AppleHealth;

/// <summary>
/// Reads (and so decompresses) the next blocks of a stream on another thread while the caller parses the
/// current one: on a 2-core machine inflating an export and scanning it then overlap instead of adding up.
/// </summary>
/// <remarks>Memory is bounded: at most <c>depth</c> blocks wait. Errors of the inner stream surface on Read.</remarks>
internal sealed class ReadAheadStream : Stream
{
    private readonly Stream _inner;
    private readonly BlockingCollection<Block> _ready;
    private readonly BlockingCollection<byte[]> _free;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private Block _current = Block.Empty;
    private int _offset;
    private bool _finished;

    public ReadAheadStream(Stream inner, int blockSize = 1 << 20, int depth = 3)
    {
        _inner = inner;
        _ready = new BlockingCollection<Block>(depth);
        _free = new BlockingCollection<byte[]>(depth + 2);
        for (var i = 0; i < depth + 2; i++)
        {
            _free.Add(new byte[blockSize]);
        }

        _producer = Task.Factory.StartNew(Produce, TaskCreationOptions.LongRunning);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_offset == _current.Length)
        {
            if (_finished)
            {
                return 0;
            }

            if (_current.Data is { } used)
            {
                _free.Add(used);
            }

            _current = _ready.Take();
            _offset = 0;
            if (_current.Error is { } error)
            {
                _finished = true;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }

            if (_current.Length == 0)
            {
                _finished = true;
                return 0;
            }
        }

        var n = Math.Min(buffer.Length, _current.Length - _offset);
        _current.Data.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stop.Cancel();
            try
            {
                _producer.Wait();
            }
            catch (AggregateException)
            {
                // The producer stops by cancellation; its errors were delivered to Read.
            }

            _inner.Dispose();
            _stop.Dispose();
            _ready.Dispose();
            _free.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Produce()
    {
        try
        {
            while (true)
            {
                var data = _free.Take(_stop.Token);
                var length = _inner.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
                _ready.Add(new Block(data, length, null), _stop.Token);
                if (length == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            _ready.Add(new Block(null, 0, ex));
        }
    }

    private readonly record struct Block(byte[]? Data, int Length, Exception? Error)
    {
        public static Block Empty => new(null, 0, null);
    }
}
