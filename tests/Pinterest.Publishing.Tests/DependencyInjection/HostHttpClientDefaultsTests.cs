using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.DependencyInjection;

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

    [Fact]
    public void Defaults_registered_before_or_after_the_library_leave_its_clients_but_handlers_added_to_its_names_stay()
    {
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new TaggedHandler("defaults-before")));
        services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => new TaggedHandler("api-before"));
        services.AddPinterestPublishing(_ => { });
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new TaggedHandler("defaults-after")));
        services.AddHttpClient(PinterestHttpClientNames.Api).AddHttpMessageHandler(() => new TaggedHandler("api-after"));

        AssertLibraryClients(services, api: ["api-before", "api-after"], hostClient: ["defaults-before", "defaults-after"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Defaults_registered_after_the_library_on_a_fresh_collection_leave_its_clients(bool otherClientFirst)
    {
        // AddServiceDefaults() called after AddPinterestPublishing(), with or without another named client before.
        var services = new ServiceCollection();
        if (otherClientFirst)
        {
            services.AddHttpClient("the-host's-own-client");
        }

        services.AddPinterestPublishing(_ => { });
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new TaggedHandler("defaults-after")));

        AssertLibraryClients(services, api: [], hostClient: ["defaults-after"]);
    }

    private static void AssertLibraryClients(ServiceCollection services, string[] api, string[] hostClient)
    {
        using var provider = services.BuildServiceProvider();
        var handlers = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        Assert.Equal(api, Tags(handlers.CreateHandler(PinterestHttpClientNames.Api)));
        Assert.Empty(Tags(handlers.CreateHandler(PinterestHttpClientNames.Upload)));
        Assert.Empty(Tags(handlers.CreateHandler(PinterestHttpClientNames.Probe)));
        Assert.Equal(hostClient, Tags(handlers.CreateHandler("the-host's-own-client")));
    }

    private static List<string> Tags(HttpMessageHandler handler)
    {
        var tags = new List<string>();
        for (var current = handler; current is DelegatingHandler delegating; current = delegating.InnerHandler)
        {
            if (delegating is TaggedHandler tagged)
            {
                tags.Add(tagged.Tag);
            }
        }

        return tags;
    }

    private sealed class TaggedHandler(string tag) : DelegatingHandler
    {
        public string Tag { get; } = tag;
    }
}
