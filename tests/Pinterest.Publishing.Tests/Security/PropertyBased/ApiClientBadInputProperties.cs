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
                ApiBaseAddress = new Uri("http://127.0.0.1:9/"),
                ClientId = "client-id",
                ClientSecret = "client-secret",
                Retry = { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2), MaxRetryAfter = TimeSpan.FromMilliseconds(5) },
            });

            try
            {
                var result = await CallAsync(client, operation, handler).WaitAsync(HangGuard);
                NullabilityAssert.Honoured(result);
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
        }, iter: 1000, threads: 1, print: s => $"operation {s.Item1}; server: {string.Join(" | ", s.Item2.Select(r => r.ToString()))}");

        Assert.True(outcomes[0] > 50, $"only {outcomes[0]} calls succeeded");
        Assert.True(outcomes[1] > 50, $"only {outcomes[1]} calls failed with a PinterestException");
    }

    /// <summary>Runs one operation and returns what it returned (or null for calls without a result).</summary>
    private static async Task<object?> CallAsync(PinterestClient client, int operation, FuzzHandler handler)
    {
        var items = new List<object>();
        switch (operation)
        {
            case 0:
                return await client.Pins.CreateAsync(new Pinterest.Publishing.Api.Models.CreatePinRequest
                {
                    BoardId = "1",
                    MediaSource = new Pinterest.Publishing.Api.Models.ImageUrlMediaSource { Url = "https://media.example.test/a.jpg" },
                });
            case 1:
                return await client.Pins.GetAsync("123");
            case 2:
                await client.Pins.DeleteAsync("123");
                return null;
            case 3:
                await foreach (var board in client.Boards.GetBoardsAsync())
                {
                    items.Add(board);
                    // A server that always answers with a next page would page forever; a few pages are enough.
                    if (handler.Calls > 10)
                    {
                        break;
                    }
                }

                return items;
            case 4:
                return await client.Boards.GetAsync("1");
            case 5:
                return await client.Boards.CreateAsync(new Pinterest.Publishing.Api.Models.CreateBoardRequest { Name = "b" });
            case 6:
                return await client.Media.RegisterVideoUploadAsync();
            case 7:
                return await client.Media.GetAsync("1");
            case 8:
                return await client.UserAccount.GetAsync();
            case 9:
                return await client.OAuth.RefreshAsync("pinr_old");
            case 10:
                return await client.Pins.GetAnalyticsAsync("1", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 7), ["IMPRESSION"]);
            default:
                await foreach (var pin in client.Boards.GetPinsAsync("1"))
                {
                    items.Add(pin);
                    if (handler.Calls > 10)
                    {
                        break;
                    }
                }

                return items;
        }
    }
}
