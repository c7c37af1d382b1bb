using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Api;

/// <summary><c>/v5/pins</c>.</summary>
public sealed class PinsClient
{
    internal PinsClient()
    {
    }

    /// <summary><c>POST /v5/pins</c>. Not retried by this layer: a retried create can duplicate the Pin.</summary>
    public Task<Pin> CreateAsync(CreatePinRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary><c>GET /v5/pins/{pin_id}</c>.</summary>
    public Task<Pin> GetAsync(string pinId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary><c>DELETE /v5/pins/{pin_id}</c>.</summary>
    public Task DeleteAsync(string pinId, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
