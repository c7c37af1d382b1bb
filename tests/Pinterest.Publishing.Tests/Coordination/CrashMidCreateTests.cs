using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Coordination;

/// <summary>
/// An instance dies with a create in flight: Pinterest may have made the Pin, the instance never learned it, and its
/// attempt stays "in flight" in the shared ledger. Host A's create is stored by Pinterest and its answer never comes
/// back while the test runs (A is, for the ledger, an instance that died mid-create); host B shares A's ledger.
/// </summary>
public class CrashMidCreateTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task The_same_operation_published_again_after_its_instance_died_mid_create_adopts_the_pin_instead_of_creating_another()
    {
        var holder = new CreateAnswerHolder();
        await using var h = await CreateAsync(holder);
        await using var b = await SharingLedgerAsync(h);
        var request = h.ImageRequest("New arrivals") with { OperationId = "scheduled-42" };

        var publishA = h.Publisher.PublishAsync(request);
        await holder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // The scheduler's lease ran out and another instance publishes the same scheduled Pin again.
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var result = await h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step);

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(pin.Id, result.PinId);
        Assert.True(result.Reconciled);
        Assert.Equal(1, h.CreateCalls());

        // Had A lived, its answer names the same Pin, still its operation's.
        holder.Release();
        Assert.Equal(pin.Id, (await publishA.WaitAsync(TimeSpan.FromSeconds(30))).PinId);
    }

    [Fact]
    public async Task The_same_operation_published_again_after_its_instance_died_before_recording_the_outcome_returns_its_pin()
    {
        await using var h = await CreateAsync();
        await using var b = await SharingLedgerAsync(h);
        var request = h.ImageRequest("New arrivals") with { OperationId = "scheduled-44" };

        // A created the Pin and died before the scheduler recorded the outcome; the lease ran out.
        var first = await h.DriveAsync(h.Publisher.PublishAsync(request), Step);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step);

        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, again.PinId);
        Assert.Equal(first.PinId, again.PinId);
        Assert.Equal(1, h.CreateCalls());
    }

    [Fact]
    public async Task The_same_operation_published_again_returns_its_pin_without_asking_pinterest_even_once_the_account_was_disconnected()
    {
        await using var h = await CreateAsync();
        await using var b = await SharingLedgerAsync(h);
        var request = h.ImageRequest("New arrivals") with { OperationId = "scheduled-45" };
        var first = await h.DriveAsync(h.Publisher.PublishAsync(request), Step);

        // A died before recording the outcome, and the user disconnected the app from the account meanwhile.
        h.Emulator.RevokeTokens(h.User);
        var requestsBefore = h.Emulator.Requests.Count;
        var again = await h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step);

        Assert.Equal(first.PinId, again.PinId);
        Assert.True(again.Reconciled);
        Assert.Equal(requestsBefore, h.Emulator.Requests.Count);
    }

    [Fact]
    public async Task The_same_operation_published_again_creates_its_pin_once_when_the_dead_instances_create_made_none()
    {
        await using var h = await CreateAsync();
        await using var b = await SharingLedgerAsync(h);
        var request = h.ImageRequest("New arrivals") with { OperationId = "scheduled-43" };

        // A marked its create in flight and died before sending it.
        var ledger = h.Services.GetRequiredService<IPinterestPublishLedger>();
        var draftKey = Pinterest.Publishing.Internal.PublishPath.AttributedPinRegistry.DraftKey(request.BoardId!, request.Title, request.Description, request.Link?.AbsoluteUri);
        _ = await ledger.BeginCreateAttemptAsync("scheduled-43", draftKey, h.Time.GetUtcNow(), h.Time.GetUtcNow().AddMinutes(5));
        h.Time.Advance(TimeSpan.FromMinutes(10));

        var result = await h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step);

        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, result.PinId);
        Assert.Equal(1, h.CreateCalls());
        Assert.Null(await ledger.GetUnresolvedCreateAttemptStartAsync("scheduled-43"));
    }

    [Fact]
    public async Task A_dead_instances_create_that_pinterest_processes_late_is_adopted_not_created_again()
    {
        await using var h = await CreateAsync();
        await using var b = await SharingLedgerAsync(h);
        var image = h.Host("large-1000x1500.jpg", "image/jpeg");
        var request = h.ImageRequest("New arrivals") with { OperationId = "scheduled-46", Media = PinMedia.Image(image) };

        // A marked its create in flight and died; Pinterest has not processed that create yet.
        var ledger = h.Services.GetRequiredService<IPinterestPublishLedger>();
        var draftKey = Pinterest.Publishing.Internal.PublishPath.AttributedPinRegistry.DraftKey(request.BoardId!, request.Title, request.Description, request.Link?.AbsoluteUri);
        _ = await ledger.BeginCreateAttemptAsync("scheduled-46", draftKey, h.Time.GetUtcNow(), h.Time.GetUtcNow().AddMinutes(5));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var publishB = b.GetRequiredService<IPinPublisher>().PublishAsync(request);

        // B searches past the usual waits (3 + 10 + 30 s) and finds nothing; then Pinterest makes A's Pin, within A's bound.
        for (var i = 0; i < 90 && !publishB.IsCompleted; i++)
        {
            await Task.Delay(1);
            h.Time.Advance(Step);
        }

        var late = h.Emulator.AddPin(h.Board, image, request.Title);
        var result = await h.DriveAsync(publishB, Step);

        Assert.Equal(late.Id, Assert.Single(h.Emulator.Pins).Id);
        Assert.Equal(late.Id, result.PinId);
        Assert.Equal(0, h.CreateCalls());
    }

    [Fact]
    public async Task A_deadline_before_the_dead_instances_pin_would_be_listed_leaves_the_question_open_and_creates_nothing()
    {
        await using var h = await CreateAsync();
        await using var b = await SharingLedgerAsync(h);
        var request = h.ImageRequest("New arrivals") with { OperationId = "scheduled-47", CreateDeadline = h.Time.GetUtcNow().AddMinutes(3) };
        var ledger = h.Services.GetRequiredService<IPinterestPublishLedger>();
        var draftKey = Pinterest.Publishing.Internal.PublishPath.AttributedPinRegistry.DraftKey(request.BoardId!, request.Title, request.Description, request.Link?.AbsoluteUri);
        var startedAt = h.Time.GetUtcNow();
        _ = await ledger.BeginCreateAttemptAsync("scheduled-47", draftKey, startedAt, startedAt.AddMinutes(5));
        h.Time.Advance(TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<PinterestCreateDeadlineExceededException>(() => h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step));

        Assert.Equal(0, h.CreateCalls());
        Assert.Equal(startedAt, await ledger.GetUnresolvedCreateAttemptStartAsync("scheduled-47"));
    }

    [Fact]
    public async Task A_disconnected_account_with_a_dead_instances_create_unresolved_is_unknown_not_reauthorize()
    {
        await using var h = await CreateAsync();
        await using var b = await SharingLedgerAsync(h);
        var request = h.ImageRequest("New arrivals") with { OperationId = "scheduled-49" };

        // A died with its create in flight (Pinterest may have made the Pin); then the user disconnected the app.
        var ledger = h.Services.GetRequiredService<IPinterestPublishLedger>();
        var draftKey = Pinterest.Publishing.Internal.PublishPath.AttributedPinRegistry.DraftKey(request.BoardId!, request.Title, request.Description, request.Link?.AbsoluteUri);
        _ = await ledger.BeginCreateAttemptAsync("scheduled-49", draftKey, h.Time.GetUtcNow(), h.Time.GetUtcNow().AddMinutes(5));
        h.Emulator.RevokeTokens(h.User);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<PinterestPublishOutcomeUnknownException>(() => h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step));

        Assert.IsType<PinterestReauthorizationRequiredException>(error.InnerException);
        Assert.Equal(0, h.CreateCalls());
    }

    [Fact]
    public async Task An_operation_id_longer_than_the_ledger_keeps_is_refused_before_anything_is_sent()
    {
        await using var h = await CreateAsync();
        var request = h.ImageRequest("New arrivals") with { OperationId = new string('x', 201) };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => h.Publisher.PublishAsync(request));

        Assert.Contains("PublishPinRequest.OperationId", error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests);
        Assert.NotNull((await h.DriveAsync(h.Publisher.PublishAsync(request with { OperationId = new string('x', 200) }), Step)).PinId);
    }

    [Fact]
    public async Task A_create_abandoned_in_flight_long_ago_no_longer_blocks_an_identical_drafts_reconciliation()
    {
        var holder = new CreateAnswerHolder();
        await using var h = await CreateAsync(holder);
        await using var b = await SharingLedgerAsync(h);
        var publishA = h.Publisher.PublishAsync(h.ImageRequest("New arrivals") with { OperationId = "yesterday" });
        await holder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Well past the bound of A's create (3 × the request timeout), another publish of an identical draft is
        // created by Pinterest but answered with a 503: its reconciliation finds its own, newer Pin.
        h.Time.Advance(TimeSpan.FromMinutes(15));
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, afterProcessing: true));
        var result = await h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(h.ImageRequest("New arrivals") with { OperationId = "today" }), Step);

        Assert.True(result.Reconciled);
        Assert.Equal(2, h.Emulator.Pins.Count);
        Assert.Equal(h.Emulator.Pins.MaxBy(p => p.CreatedAt)!.Id, result.PinId);
        holder.Release();
        Assert.NotEqual(result.PinId, (await publishA.WaitAsync(TimeSpan.FromSeconds(30))).PinId);
    }

    private static Task<PublishingHarness> CreateAsync(CreateAnswerHolder? holder = null) =>
        PublishingHarness.CreateAsync(
            services =>
            {
                if (holder is not null)
                {
                    services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => holder);
                }
            },
            configureEmulator: PublishingHarness.StrictBoardListing);

    private static Task<ServiceProvider> SharingLedgerAsync(PublishingHarness h) =>
        h.CreateAnotherInstanceAsync(services => services.AddSingleton(h.Services.GetRequiredService<IPinterestPublishLedger>()));
}
