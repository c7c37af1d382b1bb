using System.Net;
using System.Net.Sockets;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>A TCP listener on a loopback address that accepts, counts and closes every connection.</summary>
internal sealed class ConnectionCountingListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    private ConnectionCountingListener(TcpListener listener)
    {
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _loop = AcceptLoopAsync();
    }

    public int Port { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    public static ConnectionCountingListener Start(IPAddress loopback)
    {
        Assert.True(IPAddress.IsLoopback(loopback), "Only loopback listeners are allowed in tests.");
        var listener = new TcpListener(loopback, 0);
        listener.Start();
        return new ConnectionCountingListener(listener);
    }

    /// <summary>Starts a listener on [::1], or returns <see langword="null"/> where the machine has no IPv6 loopback.</summary>
    public static ConnectionCountingListener? TryStartIPv6()
    {
        try
        {
            return Start(IPAddress.IPv6Loopback);
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
