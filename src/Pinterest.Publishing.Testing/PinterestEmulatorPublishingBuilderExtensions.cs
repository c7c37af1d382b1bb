using Microsoft.Extensions.DependencyInjection;

namespace Pinterest.Publishing.Testing;

/// <summary>Points a Pinterest.Publishing registration at a <see cref="PinterestEmulator"/>.</summary>
public static class PinterestEmulatorPublishingBuilderExtensions
{
    /// <summary>
    /// Sends every API call, video upload and preflight probe of this registration to <paramref name="emulator"/> in
    /// memory, and uses the emulator's client id and secret. No socket is opened, so the SSRF guard of the probe client
    /// (which works at connect time) is replaced along with it: media to probe must be hosted on the emulator
    /// (<see cref="PinterestEmulator.HostMedia(string, byte[], string)"/>).
    /// </summary>
    public static IPinterestPublishingBuilder UsePinterestEmulator(this IPinterestPublishingBuilder builder, PinterestEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(emulator);
        builder.Services.Configure<PinterestPublishingOptions>(options =>
        {
            options.ApiBaseAddress = emulator.BaseAddress;
            options.ClientId = emulator.Options.ClientId;
            options.ClientSecret = emulator.Options.ClientSecret;
        });
        foreach (var name in new[] { PinterestHttpClientNames.Api, PinterestHttpClientNames.Upload, PinterestHttpClientNames.Probe })
        {
            builder.Services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        }

        return builder;
    }
}
