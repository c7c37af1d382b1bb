using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Publishing;

/// <summary>
/// Hosts built from the .NET Aspire service defaults (and many others) add a resilience handler to every
/// <see cref="HttpClient"/> with <c>ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler())</c>.
/// That handler retries POSTs on 5xx and timeouts, under the library's duplicate-safe create.
/// </summary>
public class HostHttpClientDefaultsTests
{
    private const string CreateRoute = "POST /v5/pins";

    [Fact]
    public async Task A_host_wide_standard_resilience_handler_never_makes_the_library_post_a_pin_twice()
    {
        await using var h = await PublishingHarness.CreateAsync(services =>
            services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler()));

        // Pinterest stores the Pin, then the answer is a 503 (the ambiguous case the library reconciles).
        h.Emulator.InjectFault(CreateRoute, EmulatorFault.Status(HttpStatusCode.ServiceUnavailable, afterProcessing: true));

        var publish = h.Publisher.PublishAsync(h.ImageRequest("Posted once"));
        try
        {
            await h.DriveAsync(publish, TimeSpan.FromSeconds(1));
        }
        catch (PinterestException)
        {
            // Whatever the outcome, the assertions below are what matters.
        }

        Assert.Equal(1, h.CreateCalls());
        Assert.Single(h.Emulator.Pins);
    }
}
