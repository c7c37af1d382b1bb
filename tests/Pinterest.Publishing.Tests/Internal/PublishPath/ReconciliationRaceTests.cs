using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// Reconciliation skips Pins already returned to another publish, but a Pin whose successful create answer is still
/// on its way back is not yet recorded: a concurrent ambiguous create of an identical draft claims it first.
/// </summary>
public class ReconciliationRaceTests
{
    private const string CreateRoute = "POST /v5/pins";

    [Fact]
    public async Task A_reconciliation_never_claims_the_pin_of_a_concurrent_create_whose_answer_is_still_in_flight()
    {
        var holder = new CreateAnswerHolder();
        await using var h = await PublishingHarness.CreateAsync(services =>
            services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => holder));

        // A scheduler posts the same caption with two different images at the same time (a common campaign pattern).
        var requestA = h.ImageRequest("New arrivals") with { Media = PinMedia.Image(h.Host("large-1000x1500.jpg", "image/jpeg")) };
        var requestB = h.ImageRequest("New arrivals") with { Media = PinMedia.Image(h.Host("large-1000x1500.png", "image/png")) };

        // A's create is stored by Pinterest; its 201 is slow to come back.
        var publishA = h.Publisher.PublishAsync(requestA);
        await holder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Meanwhile B's create fails with a 503 before Pinterest stored anything: B's Pin does not exist.
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable));
        PublishPinResult? resultB = null;
        try
        {
            // B searches the board again over the next 43 s on the clock; A's answer is still held all that time.
            resultB = await h.DriveAsync(h.Publisher.PublishAsync(requestB), TimeSpan.FromSeconds(1));
        }
        catch (PinterestPublishOutcomeUnknownException)
        {
            // The right answer for B: nothing of B's was found.
        }

        holder.Release();
        var resultA = await publishA.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(h.Emulator.Pins);
        Assert.Equal(Assert.Single(h.Emulator.Pins).Id, resultA.PinId);

        // B must not be told it was published as A's Pin: its image was never posted.
        Assert.NotEqual(resultA.PinId, resultB?.PinId);
    }
}
