using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>An emulator on a fake clock with one account, its tokens and an authenticated HttpClient.</summary>
internal sealed class EmulatorHarness : IDisposable
{
    public EmulatorHarness(Action<PinterestEmulatorOptions>? configure = null)
    {
        var options = new PinterestEmulatorOptions { TimeProvider = Time };
        configure?.Invoke(options);
        Emulator = new PinterestEmulator(options);
        Account = Emulator.AddAccount("tester");
        Token = Emulator.IssueTokens(Account);
        Client = Emulator.CreateHttpClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token.AccessToken);
        Anonymous = Emulator.CreateHttpClient();
    }

    public ObservableTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public PinterestEmulator Emulator { get; }

    public EmulatedAccount Account { get; }

    public PinterestToken Token { get; }

    public HttpClient Client { get; }

    public HttpClient Anonymous { get; }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.Contains("x-pinterest-rid"));
        var body = await ReadJsonAsync(response);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        return body;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) => Client.PostAsync(path, Json(json));

    public async Task<string> CreatePinAsync(string boardId, string mediaSourceJson, string extraFields = "")
    {
        var response = await PostJsonAsync("v5/pins", $$$"""{"board_id":"{{{boardId}}}"{{{extraFields}}},"media_source":{{{mediaSourceJson}}}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Registers a video and returns the media id, upload URL and upload parameters.</summary>
    public async Task<(string MediaId, Uri UploadUrl, Dictionary<string, string> Parameters)> RegisterVideoAsync(HttpClient? client = null)
    {
        var response = await (client ?? Client).PostAsync("v5/media", Json("""{"media_type":"video"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var parameters = body.GetProperty("upload_parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return (body.GetProperty("media_id").GetString()!, new Uri(body.GetProperty("upload_url").GetString()!), parameters);
    }

    public static MultipartFormDataContent UploadForm(IEnumerable<KeyValuePair<string, string>> fields, HttpContent file, bool fileFirst = false)
    {
        var form = new MultipartFormDataContent();
        if (fileFirst)
        {
            form.Add(file, "file", "video.mp4");
        }

        foreach (var field in fields)
        {
            form.Add(new StringContent(field.Value, Encoding.UTF8), field.Key);
        }

        if (!fileFirst)
        {
            form.Add(file, "file", "video.mp4");
        }

        return form;
    }

    /// <summary>Registers, uploads and lets processing finish: returns a succeeded media id.</summary>
    public async Task<string> CreateSucceededVideoAsync()
    {
        var (mediaId, uploadUrl, parameters) = await RegisterVideoAsync();
        using var uploader = Emulator.CreateHttpClient();
        var upload = await uploader.PostAsync(uploadUrl, UploadForm(parameters, new ByteArrayContent(new byte[4096])));
        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        Time.Advance(Emulator.Options.VideoProcessingTime);
        return mediaId;
    }

    public void Dispose()
    {
        Client.Dispose();
        Anonymous.Dispose();
        Emulator.Dispose();
    }
}
