using CsCheck;
using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.Tests.Security.PropertyBased;

/// <summary>
/// Whatever a server answers (any status, truncated or mistyped JSON, huge bodies, garbage headers), every
/// <see cref="PinterestClient"/> call ends in a result or a documented exception: a <see cref="PinterestException"/>,
/// an <see cref="ArgumentException"/> or an <see cref="OperationCanceledException"/> (plus the
/// <see cref="HttpRequestException"/> of a transport failure, passed through as <see cref="HttpClient"/> does) — never a
/// raw <c>JsonException</c>, <c>NullReferenceException</c>, <c>FormatException</c>, <c>InvalidOperationException</c>, ….
/// </summary>
public sealed class ApiClientBadInputProperties
{
    private const int Operations = 12;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static readonly Gen<FuzzResponse[]> Server = Gen.Frequency(
        (4, FuzzGen.Response(ApiBodies.Body)),
        (3, Gen.Select(ApiBodies.Body, FuzzGen.GarbageHeader.Array[0, 3], (body, headers) => new FuzzResponse(200, "application/json", body, headers))))
        .Array[1, 4];

    [Fact]
    public async Task Every_client_call_ends_in_a_result_or_a_documented_exception()
    {
        var outcomes = new int[3];
        await Gen.Select(Gen.Int[0, Operations - 1], Server).SampleAsync(async (operation, server) =>
        {
            using var handler = new FuzzHandler(server);
            using var httpClient = new HttpClient(handler, disposeHandler: false);
            var client = new PinterestClient(httpClient, "pina_fixed_token", new PinterestClientOptions
            {
                BaseAddress = new Uri("http://127.0.0.1:9/"),
                ClientId = "client-id",
                ClientSecret = "client-secret",
                Retry = new PinterestRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2), MaxRetryAfter = TimeSpan.FromMilliseconds(5) },
            });

            try
            {
                await CallAsync(client, operation, handler).WaitAsync(HangGuard);
                Interlocked.Increment(ref outcomes[0]);
            }
            catch (Exception exception) when (exception is PinterestException or ArgumentException or OperationCanceledException)
            {
                Interlocked.Increment(ref outcomes[1]);
            }
            catch (HttpRequestException) when (server.Any(r => r.ThrowTransportError))
            {
                Interlocked.Increment(ref outcomes[2]);
            }
        }, iter: 1500, threads: 1, print: s => $"operation {s.Item1}; server: {string.Join(" | ", s.Item2.Select(r => r.ToString()))}");

        Assert.True(outcomes[0] > 50, $"only {outcomes[0]} calls succeeded");
        Assert.True(outcomes[1] > 50, $"only {outcomes[1]} calls failed with a PinterestException");
    }

    private static async Task CallAsync(PinterestClient client, int operation, FuzzHandler handler)
    {
        switch (operation)
        {
            case 0:
                await client.Pins.CreateAsync(new Pinterest.Publishing.Api.Models.CreatePinRequest
                {
                    BoardId = "1",
                    MediaSource = new Pinterest.Publishing.Api.Models.ImageUrlMediaSource { Url = "https://media.example.test/a.jpg" },
                });
                break;
            case 1:
                await client.Pins.GetAsync("123");
                break;
            case 2:
                await client.Pins.DeleteAsync("123");
                break;
            case 3:
                await foreach (var _ in client.Boards.GetBoardsAsync())
                {
                    // A server that always answers with a next page would page forever; a few pages are enough.
                    if (handler.Calls > 10)
                    {
                        break;
                    }
                }

                break;
            case 4:
                await client.Boards.GetAsync("1");
                break;
            case 5:
                await client.Boards.CreateAsync(new Pinterest.Publishing.Api.Models.CreateBoardRequest { Name = "b" });
                break;
            case 6:
                await client.Media.RegisterVideoUploadAsync();
                break;
            case 7:
                await client.Media.GetAsync("1");
                break;
            case 8:
                await client.UserAccount.GetAsync();
                break;
            case 9:
                await client.OAuth.RefreshAsync("pinr_old");
                break;
            case 10:
                await client.Pins.GetAnalyticsAsync("1", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 7), ["IMPRESSION"]);
                break;
            default:
                await foreach (var _ in client.Boards.GetPinsAsync("1"))
                {
                    if (handler.Calls > 10)
                    {
                        break;
                    }
                }

                break;
        }
    }
}
