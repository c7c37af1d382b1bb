using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Coordination;

namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>
/// The last stage: builds the body of <c>POST /v5/pins</c> (<see cref="CreatePinRequestFactory"/>) and creates the Pin
/// with <see cref="DuplicateSafePinCreator"/>, never at or after the request's <see cref="PublishPinRequest.CreateDeadline"/>.
/// Its attempts and claimed Pins live in the <see cref="IPinterestPublishLedger"/>, so a reconciliation never attributes a
/// Pin that another publish (of this instance, or of any instance sharing the ledger) already got, and a publish whose
/// <see cref="PublishPinRequest.OperationId"/> has an unresolved earlier attempt looks for that attempt's Pin first.
/// </summary>
internal sealed class CreateStage
{
    private readonly DuplicateSafePinCreator _creator;

    public CreateStage(TimeProvider timeProvider, IOptions<PinterestPublishingOptions> options, IPinterestPublishLedger ledger, ILoggerFactory loggerFactory)
    {
        _creator = new DuplicateSafePinCreator(timeProvider, options.Value.Retry, ledger, options.Value.RequestTimeout, loggerFactory.CreateLogger(PublishPathLog.CategoryName));
    }

    /// <summary>Creates the Pin of a resolved, validated request.</summary>
    /// <param name="client">The account's client.</param>
    /// <param name="request">The request, its board resolved.</param>
    /// <param name="videoMediaId">The processed video's media id, for a video Pin.</param>
    /// <param name="rateLimits">The account's cool-downs: read before each create call, started by a 429.</param>
    /// <param name="cancellationToken">Cancels the create; once it may have been sent, the outcome is unknown.</param>
    /// <returns>The Pin, and whether it was found by reconciliation.</returns>
    public Task<(Pin Pin, bool Reconciled)> CreateAsync(PinterestClient client, PublishPinRequest request, string? videoMediaId, AccountRateLimits rateLimits, CancellationToken cancellationToken)
    {
        var body = CreatePinRequestFactory.Create(request, request.BoardId!, videoMediaId);
        return _creator.CreateAsync(client, body, request.OperationId, request.CreateDeadline, rateLimits, cancellationToken);
    }
}
