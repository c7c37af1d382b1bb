using System.Net;
using System.Net.Http.Headers;

namespace Pinterest.Publishing.Tests.Testing;

/// <summary>Hosted media answers ranges as CDNs and object stores do, the suffix form included (preflight's end check).</summary>
public sealed class EmulatorMediaHostTests
{
    [Fact]
    public async Task A_suffix_range_gets_the_last_bytes_with_206()
    {
        using var h = new EmulatorHarness();
        var address = await h.Emulator.StartServerAsync();
        var content = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var url = new Uri(address, h.Emulator.HostMedia("file.bin", content, "application/octet-stream").AbsolutePath);
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(null, 2048) } };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 2952-4999/5000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(content[2952..], await response.Content.ReadAsByteArrayAsync());
    }
}
