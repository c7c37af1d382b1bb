using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Coordination;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Coordination;

/// <summary>
/// Two instances of the host (two DI containers) over one emulator and one <see cref="IPinterestPublishLedger"/>: what
/// the publish path remembers to stay duplicate-safe holds across them. Each guarantee is also run with two separate
/// in-process ledgers (the default, one per process), where it must not hold: that proves the scenario can fail and
/// that the shared ledger, nothing else, is what makes it pass.
/// </summary>
public class CrossInstanceLedgerTests
{
    private const string CreateRoute = "POST /v5/pins";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProcessingTime = TimeSpan.FromHours(1);

    [Fact]
    public Task A_video_left_processing_on_one_instance_is_resumed_by_another_without_a_second_upload() =>
        VideoResumedByTheOtherInstanceAsync(shareLedger: true);

    [Fact]
    public Task A_video_left_processing_is_uploaded_again_by_an_instance_with_its_own_ledger() =>
        AssertFailsWithSeparateLedgersAsync(VideoResumedByTheOtherInstanceAsync);

    [Fact]
    public Task A_pin_returned_to_one_instance_is_never_the_reconciliation_answer_of_another() =>
        ReturnedPinNotAnotherInstancesAnswerAsync(shareLedger: true);

    [Fact]
    public Task A_pin_returned_to_one_instance_is_taken_by_another_with_its_own_ledger() =>
        AssertFailsWithSeparateLedgersAsync(ReturnedPinNotAnotherInstancesAnswerAsync);

    [Fact]
    public Task No_match_is_claimed_while_an_identical_create_is_in_flight_on_another_instance() =>
        NoMatchWhileTwinInFlightElsewhereAsync(shareLedger: true);

    [Fact]
    public Task A_match_is_claimed_during_another_instances_identical_create_when_each_has_its_own_ledger() =>
        AssertFailsWithSeparateLedgersAsync(NoMatchWhileTwinInFlightElsewhereAsync);

    // (a) Host A's wait for processing times out; host B publishes the same operation later and waits for A's upload.
    private static async Task VideoResumedByTheOtherInstanceAsync(bool shareLedger)
    {
        await using var h = await PublishingHarness.CreateAsync(
            configureOptions: o => o.VideoUpload.ProcessingTimeout = TimeSpan.FromSeconds(30), videoProcessingTime: ProcessingTime);
        await using var b = await h.CreateAnotherInstanceAsync(Ledger(h, shareLedger));
        var request = h.VideoRequest() with { OperationId = "scheduled-7" };

        var timeout = await Assert.ThrowsAsync<PinterestMediaProcessingException>(() => h.DriveAsync(h.Publisher.PublishAsync(request), Step));
        h.Time.Advance(ProcessingTime);
        var result = await h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step);

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(result.PinId, pin.Id);
        Assert.Equal(timeout.MediaId, pin.MediaId);
        Assert.Single(h.Emulator.Uploads);
    }

    // (b) Host A publishes a draft; host B's create of an identical draft fails ambiguously (a 503 before anything is
    // stored) and B searches the board: A's Pin matches, but it is A's.
    private static async Task ReturnedPinNotAnotherInstancesAnswerAsync(bool shareLedger)
    {
        await using var h = await PublishingHarness.CreateAsync(configureEmulator: PublishingHarness.StrictBoardListing);
        await using var b = await h.CreateAnotherInstanceAsync(Ledger(h, shareLedger));
        var request = h.ImageRequest("New arrivals");

        var resultA = await h.DriveAsync(h.Publisher.PublishAsync(request), Step);
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        var resultB = await PublishOrUnknownAsync(h, b, request);

        Assert.Equal(resultA.PinId, Assert.Single(h.Emulator.Pins).Id);
        Assert.NotEqual(resultA.PinId, resultB?.PinId);
    }

    // (c) Host A's create is stored by Pinterest, its answer slow to come back; meanwhile host B's identical draft fails
    // ambiguously (nothing stored) and B searches the board: the only match is A's, whose create is still in flight.
    private static async Task NoMatchWhileTwinInFlightElsewhereAsync(bool shareLedger)
    {
        var holder = new CreateAnswerHolder();
        await using var h = await PublishingHarness.CreateAsync(services =>
            services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => holder));
        await using var b = await h.CreateAnotherInstanceAsync(Ledger(h, shareLedger));
        var request = h.ImageRequest("New arrivals");

        var publishA = h.Publisher.PublishAsync(request);
        await holder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        PublishPinResult? resultB;
        try
        {
            resultB = await PublishOrUnknownAsync(h, b, request);
        }
        finally
        {
            holder.Release();
        }

        var resultA = await publishA.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(resultA.PinId, Assert.Single(h.Emulator.Pins).Id);
        Assert.NotEqual(resultA.PinId, resultB?.PinId);
    }

    /// <summary>Host B's registrations: host A's ledger, or none (its own default in-process ledger).</summary>
    private static Action<IServiceCollection> Ledger(PublishingHarness h, bool share) => services =>
    {
        if (share)
        {
            services.AddSingleton(h.Services.GetRequiredService<IPinterestPublishLedger>());
        }
    };

    /// <summary>Host B's publish: its result, or <see langword="null"/> when it honestly reports the outcome unknown.</summary>
    private static async Task<PublishPinResult?> PublishOrUnknownAsync(PublishingHarness h, ServiceProvider b, PublishPinRequest request)
    {
        try
        {
            return await h.DriveAsync(b.GetRequiredService<IPinPublisher>().PublishAsync(request), Step);
        }
        catch (PinterestPublishOutcomeUnknownException)
        {
            return null;
        }
    }

    private static async Task AssertFailsWithSeparateLedgersAsync(Func<bool, Task> scenario)
    {
        var failure = await Record.ExceptionAsync(() => scenario(false));

        // The scenario's own assertions fail (or, for the video, the second upload's processing times out again).
        Assert.True(
            failure is Xunit.Sdk.XunitException or PinterestMediaProcessingException,
            $"With two separate ledgers the scenario was expected to fail, but it {(failure is null ? "passed" : "threw " + failure.GetType().Name)}.");
    }
}
