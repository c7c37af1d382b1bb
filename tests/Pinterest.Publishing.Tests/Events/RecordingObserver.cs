using System.Threading.Channels;
using Pinterest.Publishing.Events;

namespace Pinterest.Publishing.Tests.Events;

/// <summary>An observer that records every event it receives, in order; <see cref="NextAsync"/> waits (bounded, real time) for the next.</summary>
internal sealed class RecordingObserver : IPinterestPublishingObserver
{
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();

    public async Task<object> NextAsync() => await _events.Reader.ReadAsync().AsTask().WaitAsync(SafetyTimeout);

    public async Task<T> NextAsync<T>() => Assert.IsType<T>(await NextAsync());

    public bool HasMore => _events.Reader.Count > 0;

    public Task OnPinPublishedAsync(PinPublishedEvent published, CancellationToken cancellationToken) => Record(published);

    public Task OnPinRejectedAsync(PinRejectedEvent rejected, CancellationToken cancellationToken) => Record(rejected);

    public Task OnRetryScheduledAsync(PinRetryScheduledEvent retry, CancellationToken cancellationToken) => Record(retry);

    public Task OnOutcomeUnknownAsync(PinOutcomeUnknownEvent unknown, CancellationToken cancellationToken) => Record(unknown);

    public Task OnReauthorizationRequiredAsync(ReauthorizationRequiredEvent required, CancellationToken cancellationToken) => Record(required);

    public Task OnRefreshTokenExpiringSoonAsync(RefreshTokenExpiringSoonEvent expiring, CancellationToken cancellationToken) => Record(expiring);

    public Task OnAccountCoolingDownAsync(AccountCoolingDownEvent coolingDown, CancellationToken cancellationToken) => Record(coolingDown);

    private Task Record(object e)
    {
        _events.Writer.TryWrite(e);
        return Task.CompletedTask;
    }
}
