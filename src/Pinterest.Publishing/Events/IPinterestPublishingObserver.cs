namespace Pinterest.Publishing.Events;

/// <summary>
/// Receives what happens to Pins and accounts, so a host can tell its users: Pinterest has no webhooks. Implement the
/// methods you need (the others do nothing) and register the observer with <c>AddObserver&lt;T&gt;()</c>; every
/// registered observer is called.
/// </summary>
/// <remarks>
/// <para>Events are delivered in the background, in the order they were raised (so the events of one Pin arrive in
/// order), never on the publish path: a slow or failing observer never delays or fails a publish. Each call gets a
/// token cancelled after 30 seconds; the library stops waiting for a call then and moves on. An exception thrown by an
/// observer is logged (event <c>ObserverFailed</c>) and contained. When 1,000 events wait for delivery, further events
/// are dropped with a log (event <c>ObserverEventDropped</c>).</para>
/// <para>Events carry account ids, scheduled Pin ids, Pin ids, codes and scrubbed reasons: never a token.</para>
/// <para>The scheduling dispatcher raises the Pin events (<see cref="OnPinPublishedAsync"/>, <see cref="OnPinRejectedAsync"/>,
/// <see cref="OnRetryScheduledAsync"/>, <see cref="OnOutcomeUnknownAsync"/>) and <see cref="OnReauthorizationRequiredAsync"/>
/// after it recorded each scheduled Pin's outcome in the store; the publish path raises <see cref="OnAccountCoolingDownAsync"/>
/// for every publish, scheduled or not; the keep-alive raises <see cref="OnRefreshTokenExpiringSoonAsync"/>. A direct
/// <see cref="IPinPublisher.PublishAsync"/> call hands its outcome to its caller instead (a job system maps it with
/// <c>PinPublishOutcome.FromException</c>).</para>
/// </remarks>
public interface IPinterestPublishingObserver
{
    /// <summary>A Pin was created on Pinterest.</summary>
    /// <param name="published">The event.</param>
    /// <param name="cancellationToken">Cancelled when the call takes too long or the host stops.</param>
    Task OnPinPublishedAsync(PinPublishedEvent published, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A Pin will not be published: its draft must be fixed (or it failed too many times).</summary>
    /// <param name="rejected">The event.</param>
    /// <param name="cancellationToken">Cancelled when the call takes too long or the host stops.</param>
    Task OnPinRejectedAsync(PinRejectedEvent rejected, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A scheduled Pin failed this time and will be tried again.</summary>
    /// <param name="retry">The event.</param>
    /// <param name="cancellationToken">Cancelled when the call takes too long or the host stops.</param>
    Task OnRetryScheduledAsync(PinRetryScheduledEvent retry, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A create may or may not have made the Pin: a person or a later check decides.</summary>
    /// <param name="unknown">The event.</param>
    /// <param name="cancellationToken">Cancelled when the call takes too long or the host stops.</param>
    Task OnOutcomeUnknownAsync(PinOutcomeUnknownEvent unknown, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An account cannot publish until someone acts: the user reconnects it, or the operator fixes the app's credentials.</summary>
    /// <param name="required">The event.</param>
    /// <param name="cancellationToken">Cancelled when the call takes too long or the host stops.</param>
    Task OnReauthorizationRequiredAsync(ReauthorizationRequiredEvent required, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An account's refresh token expires soon and could not be renewed: ask the user to reconnect before then.</summary>
    /// <param name="expiring">The event.</param>
    /// <param name="cancellationToken">Cancelled when the call takes too long or the host stops.</param>
    Task OnRefreshTokenExpiringSoonAsync(RefreshTokenExpiringSoonEvent expiring, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Pinterest rate-limited an account (or flagged it as spam): its publishes wait until the cool-down ends.</summary>
    /// <param name="coolingDown">The event.</param>
    /// <param name="cancellationToken">Cancelled when the call takes too long or the host stops.</param>
    Task OnAccountCoolingDownAsync(AccountCoolingDownEvent coolingDown, CancellationToken cancellationToken) => Task.CompletedTask;
}
