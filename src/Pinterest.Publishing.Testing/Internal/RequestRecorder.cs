
namespace Pinterest.Publishing.Testing.Internal;

/// <summary>The requests and uploads the emulator received, in order, for tests to inspect. Thread-safe.</summary>
internal sealed class RequestRecorder
{
    private readonly Lock _gate = new();
    private readonly List<EmulatedRequest> _requests = [];
    private readonly List<EmulatedUpload> _uploads = [];

    public EmulatedRequest[] Requests
    {
        get { lock (_gate) { return _requests.ToArray(); } }
    }

    public EmulatedUpload[] Uploads
    {
        get { lock (_gate) { return _uploads.ToArray(); } }
    }

    public void Add(EmulatedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>Forgets a request that never reached the server (a refused connection).</summary>
    public void Remove(EmulatedRequest request)
    {
        lock (_gate)
        {
            _requests.Remove(request);
        }
    }

    public void Add(EmulatedUpload upload)
    {
        lock (_gate)
        {
            _uploads.Add(upload);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _uploads.Clear();
        }
    }
}
