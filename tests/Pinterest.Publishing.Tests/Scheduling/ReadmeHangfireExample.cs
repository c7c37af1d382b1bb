using Hangfire;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Scheduling;

/// <summary>The host's drafts, as the README's Hangfire example assumes them.</summary>
public interface IMyDrafts
{
    /// <summary>The draft's request.</summary>
    Task<PublishPinRequest> GetRequestAsync(string draftId, CancellationToken cancellationToken);

    /// <summary>Records the draft's final outcome.</summary>
    Task SaveOutcomeAsync(string draftId, PinPublishOutcome outcome, CancellationToken cancellationToken);
}

// The README's Hangfire example, compiled; ReadmeCodeBlockTests checks the README's block is this text.
// README hangfire: part
public sealed class PublishPinJob(IPinPublisher publisher, IMyDrafts drafts, IBackgroundJobClient jobs, TimeProvider time)
{
    [AutomaticRetry(Attempts = 0)] // the outcome decides when to run again, not Hangfire's retry
    public async Task RunAsync(string draftId, int attempt, CancellationToken cancellationToken)
    {
        var request = await drafts.GetRequestAsync(draftId, cancellationToken) with { OperationId = draftId };
        PinPublishOutcome outcome;
        try
        {
            outcome = PinPublishOutcome.FromResult(await publisher.PublishAsync(request, cancellationToken));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = PinPublishOutcome.FromException(ex, attempt, time.GetUtcNow());
        }

        if (outcome is PinPublishOutcome.RetryAt retry) // a wait for a rate limit spends no attempt
            jobs.Schedule<PublishPinJob>(j => j.RunAsync(draftId, retry.CountsAsAttempt ? attempt + 1 : attempt, CancellationToken.None), retry.At);
        else
            await drafts.SaveOutcomeAsync(draftId, outcome, cancellationToken); // Published, Rejected, Unknown, Reauthorize, ...
    }
}
// README hangfire: end part
